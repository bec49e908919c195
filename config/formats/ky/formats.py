# Kyrgyz dates as official documents write them: "2021-жылдын 27-августу" (month in the "alt. month"
# form, translated in locale/ky); a comma before decimals and a narrow space between thousands.
DATE_FORMAT = r"Y-\ж\ы\л\д\ы\н j-E"
DATETIME_FORMAT = r"Y-\ж\ы\л\д\ы\н j-E, H:i"
MONTH_DAY_FORMAT = "j-E"
YEAR_MONTH_FORMAT = r"Y-\ж\ы\л\д\ы\н F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
