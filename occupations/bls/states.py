"""The states and territories OEWS reports on, by their FIPS code (BLS's state_code), with
the postal abbreviations its area names use ("Allentown-Bethlehem-Easton, PA-NJ")."""

POSTAL = {
    "01": "AL",
    "02": "AK",
    "04": "AZ",
    "05": "AR",
    "06": "CA",
    "08": "CO",
    "09": "CT",
    "10": "DE",
    "11": "DC",
    "12": "FL",
    "13": "GA",
    "15": "HI",
    "16": "ID",
    "17": "IL",
    "18": "IN",
    "19": "IA",
    "20": "KS",
    "21": "KY",
    "22": "LA",
    "23": "ME",
    "24": "MD",
    "25": "MA",
    "26": "MI",
    "27": "MN",
    "28": "MS",
    "29": "MO",
    "30": "MT",
    "31": "NE",
    "32": "NV",
    "33": "NH",
    "34": "NJ",
    "35": "NM",
    "36": "NY",
    "37": "NC",
    "38": "ND",
    "39": "OH",
    "40": "OK",
    "41": "OR",
    "42": "PA",
    "44": "RI",
    "45": "SC",
    "46": "SD",
    "47": "TN",
    "48": "TX",
    "49": "UT",
    "50": "VT",
    "51": "VA",
    "53": "WA",
    "54": "WV",
    "55": "WI",
    "56": "WY",
    "66": "GU",
    "72": "PR",
    "78": "VI",
}


def states_in_name(name):
    """The postal abbreviations an area's name ends with: {"PA", "NJ"} for
    "Allentown-Bethlehem-Easton, PA-NJ"; none for a nonmetropolitan area's name."""
    _, comma, tail = name.rpartition(", ")
    if not comma:
        return set()
    return {part for part in tail.split("-") if part in POSTAL.values()}


# The states and territories whose names Spanish writes its own way, as U.S. Spanish-language
# media write them; the others (Texas, California, Puerto Rico) are the same in both. With the
# article running text puts before it ("en el Distrito de Columbia").
SPANISH_NAMES = {
    "District of Columbia": ("Distrito de Columbia", "el Distrito de Columbia"),
    "Hawaii": ("Hawái", "Hawái"),
    "Louisiana": ("Luisiana", "Luisiana"),
    "New Jersey": ("Nueva Jersey", "Nueva Jersey"),
    "New Mexico": ("Nuevo México", "Nuevo México"),
    "New York": ("Nueva York", "Nueva York"),
    "North Carolina": ("Carolina del Norte", "Carolina del Norte"),
    "North Dakota": ("Dakota del Norte", "Dakota del Norte"),
    "Pennsylvania": ("Pensilvania", "Pensilvania"),
    "South Carolina": ("Carolina del Sur", "Carolina del Sur"),
    "South Dakota": ("Dakota del Sur", "Dakota del Sur"),
    "Virgin Islands": ("Islas Vírgenes", "las Islas Vírgenes"),
    "West Virginia": ("Virginia Occidental", "Virginia Occidental"),
}
