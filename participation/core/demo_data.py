"""The demo city of Riverford: a fictional Irish midlands city on the River Aven.

Plain data, read by `participation.core.demo.load_demo`. Dates are days relative to
the moment the demo is loaded (negative: in the past), so the demo always has
engagements that are open, closed and upcoming.
"""

CITY = {
    "name": "Riverford",
    "timezone": "Europe/Dublin",
    "default_locale": "en",
    # Degrees added around the districts' bounding box for the city's bounds.
    "margin": 0.01,
}

# Five districts tiling the city around the Old Quays, the centre on the river. Rings
# are GeoJSON [longitude, latitude], counter-clockwise; neighbours share vertices.
# `sample_point` is a place well inside the district, to check the tiling.
DISTRICTS = [
    {
        "key": "old_quays",
        "name": "Old Quays",
        "population": 24_600,
        "sample_point": [-7.3862, 52.8418],
        "ring": [
            [-7.36993, 52.8418], [-7.37413, 52.84691], [-7.37964, 52.85271],
            [-7.38864, 52.85016], [-7.39662, 52.8508], [-7.40184, 52.84524],
            [-7.3988, 52.83825], [-7.39647, 52.83293], [-7.3862, 52.8335],
            [-7.37757, 52.83276], [-7.37407, 52.83756], [-7.36993, 52.8418],
        ],
    },
    {
        "key": "castlehill",
        "name": "Castlehill",
        "population": 52_300,
        "sample_point": [-7.37974, 52.86394],
        "ring": [
            [-7.32866, 52.86616], [-7.35551, 52.86831], [-7.37174, 52.87444],
            [-7.39191, 52.88125], [-7.41121, 52.88335], [-7.42308, 52.87365],
            [-7.39662, 52.8508], [-7.38864, 52.85016], [-7.37964, 52.85271],
            [-7.37413, 52.84691], [-7.32866, 52.86616],
        ],
    },
    {
        "key": "ashgrove",
        "name": "Ashgrove",
        "population": 39_800,
        "sample_point": [-7.42211, 52.84762],
        "ring": [
            [-7.42308, 52.87365], [-7.43535, 52.86261], [-7.45748, 52.85335],
            [-7.43768, 52.83908], [-7.45054, 52.82366], [-7.3988, 52.83825],
            [-7.40184, 52.84524], [-7.39662, 52.8508], [-7.42308, 52.87365],
        ],
    },
    {
        "key": "southmead",
        "name": "Southmead",
        "population": 58_900,
        "sample_point": [-7.39738, 52.82036],
        "ring": [
            [-7.45054, 52.82366], [-7.42683, 52.81723], [-7.40902, 52.81221],
            [-7.39085, 52.80965], [-7.37121, 52.80798], [-7.35121, 52.80515],
            [-7.37757, 52.83276], [-7.3862, 52.8335], [-7.39647, 52.83293],
            [-7.3988, 52.83825], [-7.45054, 52.82366],
        ],
    },
    {
        "key": "eastbank",
        "name": "Eastbank",
        "population": 46_100,
        "sample_point": [-7.3499, 52.83693],
        "ring": [
            [-7.35121, 52.80515], [-7.34417, 52.82047], [-7.32568, 52.82848],
            [-7.33368, 52.84458], [-7.32919, 52.85435], [-7.32866, 52.86616],
            [-7.37413, 52.84691], [-7.36993, 52.8418], [-7.37407, 52.83756],
            [-7.37757, 52.83276], [-7.35121, 52.80515],
        ],
    },
]  # fmt: skip

# Every account gets a fresh random password when the demo is loaded.
ACCOUNTS = [
    {"role": "admin", "email": "admin@demo.city", "name": "Aoife Brennan"},
    {"role": "planner", "email": "planner@demo.city", "name": "Declan Moyles"},
    {"role": "evaluator", "email": "evaluator@demo.city", "name": "Ruth Okonkwo"},
    {"role": "resident", "email": "resident@demo.city", "name": "Niamh Walsh"},
    {"role": "resident", "email": "tomasz@demo.city", "name": "Tomasz Nowak"},
    {"role": "resident", "email": "amira@demo.city", "name": "Amira Haddad"},
]
