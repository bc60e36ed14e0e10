"""The demo city's budgets, homes, energy and air projects, with their engagements
(plain data, in the form of demo_projects.py)."""

from participation.core.demo_projects import EVENING

BUDGETS_HOMES_AND_AIR = [
    {
        "title": "Neighbourhood Budget 2025",
        "summary": "€1.2 million of the capital budget decided by residents' vote, "
        "split between the five districts.",
        "theme": "public_space",
        "status": "completed",
        "district": None,
        "description": """\
In Riverford's first participatory budget residents proposed 214 projects. After
a feasibility check by council staff, 61 went to the vote and 5,830 residents
aged 14 and over took part.

The council committed by resolution to fund the winners as voted. Of the 19
winning projects, 15 are built and 4 are under way.""",
        "engagements": [
            {
                "kind": "meeting",
                "title": "Neighbourhood Budget 2025: proposal assemblies",
                "summary": "An assembly in each district where residents presented "
                "and merged their proposals.",
                "opens": -380,
                "closes": -366,
                "decided": -310,
                "claimed_rung": 6,
            },
            {
                "kind": "budget_process",
                "title": "Neighbourhood Budget 2025: the vote",
                "summary": "Binding vote on 61 resident proposals, €1.2 million.",
                "opens": -330,
                "closes": -310,
                "decided": -310,
                "claimed_rung": 7,
            },
        ],
    },
    {
        "title": "Neighbourhood Budget 2026",
        "summary": "The second participatory budget: €1.5 million, with a share "
        "reserved for projects by and for young people.",
        "theme": "public_space",
        "status": "underway",
        "district": None,
        "description": """\
After last year's budget the rules were revised with a group of residents who
took part. What changes this year:

- the pot grows to €1.5 million, of which €150,000 for youth projects;
- anyone who lives, works or studies in Riverford can vote from age 12;
- proposals rejected in the feasibility check get a written reason.

The council resolution of 3 February makes the result binding.""",
        "engagements": [
            {
                "kind": "budget_process",
                "title": "Neighbourhood Budget 2026: proposals and vote",
                "summary": "Propose a project for your district, then vote for the "
                "ones you want funded.",
                "opens": -14,
                "closes": 45,
                "decided": 50,
                "claimed_rung": 7,
            },
            {
                "kind": "meeting",
                "title": "Budget delegates' assembly",
                "summary": "Delegates chosen by lot from the proposers review the "
                "feasibility check with council staff. City Hall, Council Chamber.",
                "opens": 21,
                "closes": 21 + EVENING,
                "decided": 50,
                "claimed_rung": 6,
            },
        ],
    },
    {
        "title": "Southmead Youth Fund",
        "summary": "A €60,000 fund run by a panel of young people from Southmead, "
        "who decide which youth projects get grants.",
        "theme": "other",
        "status": "underway",
        "district": "southmead",
        "description": """\
The Youth Fund is governed by the **Southmead Youth Panel**: twelve people aged
15 to 24, elected in the schools and youth clubs of the district.

The panel sets the criteria, assesses the applications and awards the grants. It
has its own budget line and hires its own youth worker; the council only checks
that grants are lawful, against rules published in advance.""",
        "engagements": [
            {
                "kind": "budget_process",
                "title": "Youth Fund: spring grants round",
                "summary": "Apply for a grant of up to €5,000 for a project by young "
                "people in Southmead.",
                "opens": -40,
                "closes": 20,
                "decided": 25,
                "claimed_rung": 8,
            },
        ],
    },
    {
        "title": "Homes on the former Eastbank bus depot",
        "summary": "About 320 homes, half of them affordable or social, on the "
        "council-owned depot site.",
        "theme": "housing",
        "status": "planning",
        "district": "eastbank",
        "description": """\
The bus company moved to its new depot in 2023, freeing 3.4 hectares next to the
railway. The council owns the land and has drafted a development brief.

The draft brief proposes:

- 320 homes, at least 50 % affordable rental or social housing;
- buildings of four to six storeys, stepping down towards Abbey Street;
- a new public square and a crèche on the ground floor.""",
        "engagements": [
            {
                "kind": "meeting",
                "title": "Public exhibition of the depot plans",
                "summary": "The draft brief on display, with council staff on hand "
                "to answer questions. Eastbank Community Hall.",
                "opens": -50,
                "closes": -47,
                "decided": 40,
                "claimed_rung": 3,
            },
            {
                "kind": "consultation",
                "title": "Comment on the draft development brief",
                "summary": "Read the brief and comment on any section; every "
                "comment gets a written answer in the consultation report.",
                "opens": -45,
                "closes": -15,
                "decided": 40,
                "claimed_rung": 4,
            },
            {
                "kind": "meeting",
                "title": "Planning committee hearing on the depot brief",
                "summary": "Residents may speak for three minutes each before the "
                "committee votes. City Hall, Council Chamber.",
                "opens": 40,
                "closes": 40 + EVENING,
                "decided": 40 + EVENING,
                "claimed_rung": 3,
            },
        ],
    },
    {
        "title": "Energy retrofit of the Ashgrove flats",
        "summary": "Insulation, new windows and heat pumps for 480 council flats in "
        "Ashgrove. Paused while the works contract is re-tendered.",
        "theme": "housing",
        "status": "paused",
        "district": "ashgrove",
        "description": """\
The flats on Linden Court and Rowan Court were built in the 1970s and are the
hardest homes in Riverford to heat. The retrofit should cut heating bills by
about half.

The first contractor went into liquidation after two blocks; the works will
resume once the contract has been tendered again.""",
        "engagements": [
            {
                "kind": "meeting",
                "title": "Tenants' panel on the retrofit works",
                "summary": "Tenants' representatives, appointed by the housing "
                "department, were briefed on the works programme already agreed.",
                "opens": -150,
                "closes": -150 + EVENING,
                "decided": -160,
                "claimed_rung": 5,
            },
            {
                "kind": "meeting",
                "title": "Heat-pump coaching sessions for tenants",
                "summary": "Sessions to teach tenants how to use the new heating "
                "and change their habits to save energy.",
                "opens": -120,
                "closes": -120 + EVENING,
                "decided": -160,
                "claimed_rung": 2,
            },
        ],
    },
    {
        "title": "Air quality and noise sensors",
        "summary": "Forty low-cost sensors measuring air quality and noise, with "
        "the readings published as open data.",
        "theme": "data_sensors",
        "status": "underway",
        "district": None,
        "description": """\
Riverford has a single official air-quality station, next to the ring road. The
new network adds forty sensors on lamp posts and school roofs, measuring
particulates (PM2.5, PM10), nitrogen dioxide and noise every five minutes.

All readings are published as open data under CC BY 4.0. Sensors do not record
sound, images or anything that could identify a person.""",
        "engagements": [
            {
                "kind": "consultation",
                "title": "Where should the sensors go?",
                "summary": "Suggest locations on the map; the 40 sites were chosen "
                "from residents' suggestions and the engineers' shortlist.",
                "opens": -90,
                "closes": -60,
                "decided": -40,
                "claimed_rung": 4,
            },
            {
                "kind": "issue_channel",
                "title": "Report a sensor fault or a data concern",
                "summary": "A sensor looks broken or its readings seem wrong? Tell "
                "us here.",
                "opens": -40,
                "closes": None,
                "decided": None,
                "claimed_rung": 4,
            },
            {
                "kind": "meeting",
                "title": "Data charter working group",
                "summary": "Residents chosen by lot and council staff draft the "
                "charter governing what the city may do with sensor data. Old "
                "Quays Library.",
                "district": "old_quays",
                "opens": 14,
                "closes": 14 + EVENING,
                "decided": 90,
                "claimed_rung": 6,
            },
        ],
    },
]
