"""The demo city's projects on its streets and parks, with their engagements (plain
data, see demo_data.py; the other projects are in demo_projects_civic.py)."""

# Meetings last an evening: three hours, in days.
EVENING = 0.125

# Projects with their engagements. `district` is a district key, None for the whole
# city; an engagement takes its project's district unless it names its own.
# Dates: `opens`, `closes`, `decided` in days from now (None: not set).
STREETS_AND_PARKS = [
    {
        "title": "Safer routes to school in Southmead",
        "summary": "Slower traffic, better crossings and wider footpaths around "
        "Southmead's six primary schools.",
        "theme": "mobility",
        "status": "underway",
        "district": "southmead",
        "description": """\
Half of Southmead's primary pupils live within a kilometre of their school, yet
most are driven there. Parents tell us the crossings on **Mill Road** and
**Convent Lane** feel unsafe at drop-off time.

What the project covers:

- raised crossings and kerb build-outs at the school gates;
- a 30 km/h zone around each school;
- wider footpaths where the pavement is narrower than 1.5 m.

Works started at St. Brigid's in spring; the other five schools follow in order of
the priorities residents set.""",
        "engagements": [
            {
                "kind": "consultation",
                "title": "Which crossings should be fixed first?",
                "summary": "A map survey of 40 crossings near the schools; "
                "residents ranked them and could add their own.",
                "opens": -120,
                "closes": -80,
                "decided": -50,
                "claimed_rung": 4,
            },
            {
                "kind": "meeting",
                "title": "Street walk with parents and pupils",
                "summary": "A walk along the school routes with the traffic engineers, "
                "starting at St. Brigid's gate. Notes were taken but no "
                "commitments made.",
                "opens": -95,
                "closes": -95 + EVENING,
                "decided": -50,
                "claimed_rung": 5,
            },
            {
                "kind": "issue_channel",
                "title": "Report a dangerous crossing or footpath",
                "summary": "Pin a spot on the map; the roads team answers within "
                "ten working days.",
                "opens": -120,
                "closes": None,
                "decided": None,
                "claimed_rung": 4,
            },
        ],
    },
    {
        "title": "Aven cycleway: Old Quays to Eastbank",
        "summary": "A protected cycle route along the river linking the centre, the "
        "railway station and the Eastbank business park.",
        "theme": "mobility",
        "status": "planning",
        "district": None,
        "description": """\
The river path is popular but narrow, and cyclists share it with walkers. The
council has secured national funding for a two-way cycleway of about 4.2 km.

Three route options are on the table:

1. along the north quay, removing 80 parking spaces;
2. on the south bank through Aven Park;
3. a mix of both, crossing at the Mill Bridge.

The council will choose a route after the consultation closes.""",
        "engagements": [
            {
                "kind": "consultation",
                "title": "Route options for the river cycleway",
                "summary": "Compare the three routes and tell us what matters to "
                "you; you can also propose a variant.",
                "opens": -10,
                "closes": 25,
                "decided": 60,
                "claimed_rung": 4,
            },
            {
                "kind": "meeting",
                "title": "Drop-in evening at Eastbank Library",
                "summary": "Talk to the design team and look at the route plans. "
                "Eastbank Library, Quay Street.",
                "district": "eastbank",
                "opens": 7,
                "closes": 7 + EVENING,
                "decided": 60,
                "claimed_rung": 4,
            },
        ],
    },
    {
        "title": "LED street lighting renewal",
        "summary": "Replacing 14,000 sodium street lights with dimmable LED lanterns "
        "across the city.",
        "theme": "lighting",
        "status": "completed",
        "district": None,
        "description": """\
Riverford's street lights used 4.1 GWh a year. The new LED lanterns use about
60 % less and can be dimmed after midnight on quiet residential streets.

The contract was signed in the previous council term and the works finished
last autumn. Warm-white (3000 K) lanterns were chosen to limit glare and the
effect on bats along the river.""",
        "engagements": [
            {
                "kind": "meeting",
                "title": "Information evening on the new street lights",
                "summary": "Presentation of the chosen lanterns and dimming "
                "schedule, held after the contract was signed. City Hall.",
                "opens": -400,
                "closes": -400 + EVENING,
                "decided": -430,
                "claimed_rung": 5,
            },
            {
                "kind": "issue_channel",
                "title": "Report a faulty street light",
                "summary": "Out, flickering or too bright? Tell us where; repairs "
                "are due within five working days.",
                "opens": -380,
                "closes": None,
                "decided": None,
                "claimed_rung": 4,
            },
        ],
    },
    {
        "title": "Lighting the paths of Ashgrove Park",
        "summary": "Low, warm lighting on the main paths of Ashgrove Park so people "
        "can cross it safely after dark.",
        "theme": "lighting",
        "status": "planning",
        "district": "ashgrove",
        "description": """\
Ashgrove Park is the shortest way between the estates and the Dublin Road bus
stops, but most paths are unlit. Women and older residents in particular avoid
it in winter.

We want to know which paths people use after dark and where they feel unsafe
before deciding which paths get lights, and how bright.""",
        "engagements": [
            {
                "kind": "consultation",
                "title": "Where do you feel unsafe after dark?",
                "summary": "Mark the paths you use and the places you avoid on the "
                "park map.",
                "opens": -5,
                "closes": 30,
                "decided": 75,
                "claimed_rung": 4,
            },
        ],
    },
    {
        "title": "Castlehill community orchard",
        "summary": "Turning the disused bowling green on Castle Street into an "
        "orchard planted and run by local residents.",
        "theme": "parks",
        "status": "underway",
        "district": "castlehill",
        "description": """\
The bowling green closed in 2019. After a petition signed by 1,200 residents the
council agreed to lease it to the **Castlehill Orchard Group** for ten years.

The lease sets out what each side does:

- the council fences the site, brings water and pays for the first 60 trees;
- the residents' steering group decides the layout, the varieties and the events;
- neither side can change these terms alone.""",
        "engagements": [
            {
                "kind": "meeting",
                "title": "Orchard steering group: planting plan",
                "summary": "The steering group (seven residents elected at the "
                "orchard's open meeting, two council officers) agreed the planting "
                "plan. Castlehill Community Centre.",
                "opens": -200,
                "closes": -200 + EVENING,
                "decided": -200 + EVENING,
                "claimed_rung": 6,
            },
        ],
    },
    {
        "title": "Riverside park at the Old Quays",
        "summary": "Redesigning the car park by the old grain store as a riverside "
        "park with seating, play and access to the water.",
        "theme": "parks",
        "status": "planning",
        "district": "old_quays",
        "description": """\
The quay car park takes up the best stretch of the riverfront in the centre.
The new town centre car park opened last year, so the council proposes to turn
the quay into a public park.

The landscape architects prepared three designs. The council will pick one,
taking the consultation's results into account.""",
        "engagements": [
            {
                "kind": "meeting",
                "title": "Design workshop with residents",
                "summary": "Residents worked with the landscape architects on "
                "models of the site. The Grain Store arts centre.",
                "opens": -75,
                "closes": -75 + EVENING,
                "decided": 20,
                "claimed_rung": 5,
            },
            {
                "kind": "consultation",
                "title": "Three designs for the riverside park",
                "summary": "Choose your favourite of the three designs.",
                "opens": -60,
                "closes": -30,
                "decided": 20,
                "claimed_rung": 5,
            },
        ],
    },
]
