"""A test-only HTTP node that lets the Elasticsearch 8 client talk to osmem-server.

The Elasticsearch 8 client sends `application/vnd.elasticsearch+json; compatible-with=8` media types
and refuses any 2xx answer without `X-Elastic-Product: Elasticsearch`. osmem (OpenSearch-compatible)
rejects the former and never sends the latter. This node rewrites both, and nothing else, so the
production code path (settings.ELASTICSEARCH_NODE_CLASS left as None) is the one under test.
"""

from elastic_transport import HttpHeaders, Urllib3HttpNode
from elastic_transport._node._base import NodeApiResponse


class OsmemCompatibleNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        rewritten = HttpHeaders(headers or {})
        # Bulk and multi-search bodies are newline-delimited JSON; everything else is plain JSON.
        is_ndjson = "ndjson" in rewritten.get("content-type", "") or target.split("?")[0].endswith(
            ("/_bulk", "/_msearch")
        )
        if "content-type" in rewritten or body:
            rewritten["content-type"] = "application/x-ndjson" if is_ndjson else "application/json"
        rewritten["accept"] = "application/json"
        response = super().perform_request(method, target, body=body, headers=rewritten, **kwargs)
        response_headers = HttpHeaders(response.meta.headers)
        response_headers["x-elastic-product"] = "Elasticsearch"
        meta = response.meta
        meta.headers = response_headers
        return NodeApiResponse(meta, response.body)
