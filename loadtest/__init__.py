"""The load test (`make loadtest`): Locust against the production shape on this machine."""
