"""The demo projects' living threads as plain data: updates, decisions, milestones and
residents' questions with the city's answers (loaded by demo_data.py).

A date is days from the moment the demo is loaded (negative: in the past), or
(word, "opens" | "closes" | "decided", days) relative to the project's engagement
whose title contains the word. A question on an update (its index) is dated in days
after that update. Stories: the Ashgrove retrofit has been silent for over 90 days,
a question on the Eastbank depot has waited over 14 days, the LED contract and the
retrofit programme were decided before residents were asked.
"""

NIAMH, TOMASZ, AMIRA = "resident@demo.city", "tomasz@demo.city", "amira@demo.city"

# updates: (date, title, Markdown body, engagement word or None)
# decisions: (date, title, decided by, description, engagement words)
# milestones: (due date, title, state, days late when reached)
# questions: (date, email, kind, show name, update index or None, language, body,
#             (days later, the city's answer) or None)
THREADS = [
    {"title": "Safer routes to school in Southmead", "since": -150,
     "updates": [
        (("crossings", "opens", 0), "Which crossings should we fix first?", "We mapped **40 crossings** near the six schools. Rank them, or add one we missed:\n\n- [open the map survey](https://demo.city/participate/school-crossings)\n- paper copies at Southmead Library", "crossings"),
        (("walk", "opens", -10), "Walk the school routes with us", "Join the traffic engineers and pupils from **St. Brigid's gate at 8.15**. Wear something bright!", "walk"),
        (("crossings", "closes", 5), "1,140 of you ranked the crossings", "First results:\n\n1. **Mill Road** at St. Brigid's\n2. **Convent Lane** by the church\n3. Abbey Road at the shops\n\nThe mobility committee will set the order.", "crossings"),
        (-21, "Works have begun at St. Brigid's", "The raised crossing and kerb build-outs on Mill Road take **about five weeks**. The footpath stays open on the school side.", None),
        (-3, "Convent Lane: night works next week", "To keep the school run clear, the crossing on Convent Lane is built **at night, 8 pm to 5 am**. [Traffic diversions](https://demo.city/roads/diversions).", None)],
     "decisions": [
        (("crossings", "decided", 0), "Priority order for the first twelve crossings", "Mobility committee", "Adopted the residents' ranking with one change: Abbey Road moves up because of the new pharmacy.", ["crossings", "walk"])],
     "milestones": [(-25, "Works start at St. Brigid's", "reached", 3), (40, "30 km/h zones signed around all six schools", "planned", 0), (120, "All six school gates finished", "planned", 0)],
     "questions": [
        (4, AMIRA, "question", True, 0, "en", "Can I add a crossing that is not on the map? The one on Abbey Road by the chipper is the worst.", (3, "Yes: use **Add a place** on the map. Abbey Road is now on the list, thanks.")),
        (2, NIAMH, "question", False, 3, "en", "Will the Mill Road footpath close during the works? My mother uses a wheelchair.", (2, "No, one side stays open at all times, with a ramp at the works fence.")),
        (-18, TOMASZ, "comment", True, None, "en", "The new build-out at St. Brigid's is great, my daughter crosses on her own now.", None),
        (-9, NIAMH, "question", False, None, "es", "¿Habrá un paso de peatones nuevo delante del colegio de Convent Lane? Mis hijos cruzan allí cada mañana.", (2, "Yes, a raised crossing with a lollipop patrol; it is the next one on the list."))]},
    {"title": "Aven cycleway: Old Quays to Eastbank", "since": -200,
     "updates": [
        (-150, "National funding for the river cycleway", "The council secured **€6.8 million** from the national Active Travel fund. Next:\n\n- surveys of the river banks\n- three route options\n- a public consultation", None),
        (-60, "Three route options drawn up", "The north quay, the south bank through Aven Park, or a mix crossing at the Mill Bridge. [Read the options report](https://demo.city/mobility/aven-cycleway/options).", None),
        (("Route options", "opens", 0), "Choose the route of the cycleway", "The consultation is open **for five weeks**. Compare the routes and tell us what matters to you.", "Route options"),
        (("Drop-in", "opens", -2), "Drop-in evening at Eastbank Library", "Meet the design team **this Thursday from 6 pm**. Large plans of each route on the tables.", "Drop-in")],
     "milestones": [(-150, "Funding confirmed", "reached", 0), (60, "Council chooses the route", "planned", 0), (240, "Detailed design finished", "planned", 0)],
     "questions": [
        (5, TOMASZ, "question", True, 1, "en", "Why is there no north quay option that keeps the parking?", (6, "The quay is too narrow for both: a two-way cycleway needs 3 m plus a buffer.")),
        (3, AMIRA, "comment", False, 2, "en", "Option 3 looks best, but please keep the Mill Bridge crossing wide.", None),
        (-2, NIAMH, "question", False, None, "en", "Will the cycleway be lit at night through Aven Park?", None)]},
    {"title": "LED street lighting renewal", "since": -520,
     "updates": [
        (-425, "Contract signed for 14,000 LED lanterns", "The works start in the Old Quays and finish district by district. **Warm-white lanterns** limit glare.", None),
        (("Information", "opens", -14), "Information evening at City Hall", "See the new lanterns and the **dimming schedule**. Council Chamber, 7 pm.", "Information"),
        (-200, "Half the city switched to LED", "7,000 lanterns installed. Energy use on the finished streets is down **62 %**.", None),
        (-110, "All lanterns installed", "What changed:\n\n- **14,000** lanterns, 3000 K\n- dimmed to 50 % from midnight on quiet streets\n- [report a faulty light](https://demo.city/report/street-light)", "faulty")],
     "decisions": [
        (-430, "Street lighting renewal contract awarded", "City council", "Contract awarded to the lowest compliant bid; lantern type and schedule fixed in the tender.", []),
        (-380, "Dimming schedule for residential streets", "Environment committee", "Dimming starts at midnight, not 10 pm as first proposed, after residents' comments.", ["Information"])],
     "milestones": [(-300, "First 7,000 lanterns installed", "reached", 0), (-120, "All 14,000 lanterns installed", "reached", 10)],
     "questions": [
        (-300, AMIRA, "question", False, None, "fr", "Les nouvelles lampes seront-elles éteintes après minuit dans les rues résidentielles ?", (5, "Not switched off: dimmed to half power from midnight to 6 am.")),
        (5, NIAMH, "question", True, 3, "en", "The new light outside 14 Castle Street shines straight into my bedroom. Can it be shielded?", (4, "A shield was fitted on Tuesday. Tell us if it is still too bright."))]},
    {"title": "Lighting the paths of Ashgrove Park", "since": -90,
     "updates": [
        (-60, "Why we are asking about the park at night", "Most paths in Ashgrove Park are **unlit**. Before choosing where lights go we want to know *which paths you use after dark*.", None),
        (("unsafe", "opens", 0), "Mark the paths you use after dark", "[Open the park map](https://demo.city/participate/ashgrove-park): mark your routes and the places you avoid.", "unsafe")],
     "milestones": [(75, "Paths and light levels chosen", "planned", 0), (200, "Lights installed on the chosen paths", "planned", 0)],
     "questions": [(-3, AMIRA, "question", True, None, "en", "Will the lights stay on all night or switch off at some hour?", (2, "That is one of the survey questions: tell us what you would prefer."))]},
    {"title": "Castlehill community orchard", "since": -400,
     "updates": [
        (-330, "Lease agreed with the Castlehill Orchard Group", "The old bowling green is leased to the residents' group **for ten years**. [Read the lease](https://demo.city/parks/orchard-lease).", None),
        (("steering", "opens", 2), "The planting plan is agreed", "60 trees: **apples, pears, plums** and a hedge of hazel along Castle Street.", "steering"),
        (-140, "Planting day: 60 trees in the ground", "Thank you to the **140 volunteers** who came with spades and children!", None),
        (-45, "First blossom, and a tool shed", "The shed is built and the rain tanks are full. **Watering rota** sign-up at the gate.", None),
        (-6, "Open day this Saturday", "Tours, grafting for beginners and tea from 11 am. All welcome.", None)],
     "decisions": [(("steering", "decided", 7), "Planting plan approved", "Parks committee", "Approved the plan the steering group agreed: layout, varieties and the first year's events.", ["steering"])],
     "milestones": [(-160, "Site fenced and water connected", "reached", 5), (-140, "Planting day", "reached", 0), (60, "First harvest festival", "planned", 0)],
     "questions": [
        (3, NIAMH, "comment", True, 2, "en", "We planted the pear trees with our kids, what a day!", None),
        (2, TOMASZ, "question", False, 3, "en", "Can schools book a visit to the orchard?", (3, "Yes, write to the group at orchard@demo.city; weekday mornings suit best.")),
        (-40, NIAMH, "question", False, None, "en", "Who do I contact to join the watering rota?", (2, "The rota is at the gate, or email orchard@demo.city."))]},
    {"title": "Riverside park at the Old Quays", "since": -160,
     "updates": [
        (-120, "The quay car park will close", "With the new town centre car park open, the quay car park closes **at the end of the month**.", None),
        (("workshop", "opens", -10), "Design workshop at the Grain Store", "Build the park with the landscape architects, on **models of the site**. Children welcome.", "workshop"),
        (("Three designs", "opens", 0), "Three designs: pick your favourite", "- **A, The Meadow**: grass and trees\n- **B, The Steps**: seating down to the water\n- **C, The Square**: a paved market space", "Three designs"),
        (("Three designs", "closes", 4), "2,300 votes: The Steps leads", "Design **B** got 46 % of the votes. The council decides next month.", "Three designs")],
     "decisions": [(("workshop", "opens", 20), "Play area kept away from the quay edge", "Parks committee", "All three designs now place the play area behind the grain store, as asked at the workshop.", ["workshop"])],
     "milestones": [(-100, "Car park closed", "reached", 0), (20, "Council chooses the design", "planned", 0), (300, "Park opens", "planned", 0)],
     "questions": [
        (3, AMIRA, "question", True, 3, "en", "Will there be a way down to the water for kayaks?", (5, "Design B has a slipway at the east end; the others can add one.")),
        (-20, TOMASZ, "question", False, None, "en", "What happens to the Saturday market that uses the car park?", (4, "It moves to the square at the grain store during the works."))]},
    {"title": "Neighbourhood Budget 2025", "since": -420,
     "updates": [
        (("assemblies", "opens", -20), "Neighbourhood Budget 2025 launches", "**€1.2 million** for projects you propose. Come to your district's assembly.", "assemblies"),
        (("the vote", "opens", 0), "Voting is open", "61 projects passed the feasibility check. [Vote online](https://demo.city/budget/2025) or at any library.", "the vote"),
        (("the vote", "closes", 2), "19 winning projects", "**5,830** residents voted. The winners include a skate park, two playgrounds and 300 trees.", "the vote"),
        (-60, "15 of 19 projects built", "The last four are **under way**; see each one's progress on the map.", None)],
     "decisions": [(("the vote", "closes", 8), "Winning projects approved and funded", "City council", "All 19 winners funded as voted, as the council resolution committed.", ["assemblies", "the vote"])],
     "milestones": [(-300, "Winners confirmed", "reached", 0), (-120, "All winners started", "reached", 14), (60, "Last four projects delivered", "planned", 0)],
     "questions": [(10, NIAMH, "question", True, 3, "en", "When will the Southmead skate park open?", (3, "The concrete is poured; it opens in the spring."))]},
    {"title": "Neighbourhood Budget 2026", "since": -60,
     "updates": [
        (-45, "New rules for the second budget", "Revised with last year's participants:\n\n- **€1.5 million**, €150,000 for youth projects\n- vote from age 12\n- a written reason for every rejected proposal", None),
        (("proposals and vote", "opens", 0), "Send us your proposals", "[Propose a project](https://demo.city/budget/2026) for your district until the ideas phase closes.", "proposals and vote"),
        (("delegates", "opens", -3), "Budget delegates drawn by lot", "**30 delegates** were drawn from the proposers. They meet at City Hall on Thursday.", "delegates")],
     "milestones": [(-20, "Revised rules published", "reached", 0), (50, "Results announced", "planned", 0)],
     "questions": [
        (4, TOMASZ, "question", True, 1, "en", "Can a proposal cover two districts?", (2, "Yes, split its cost between both districts' budgets.")),
        (-6, NIAMH, "question", False, None, "en", "Can Erasmus students who live in Riverford for one semester vote?", (2, "Yes: anyone who lives, works or studies in Riverford can vote."))]},
    {"title": "Southmead Youth Fund", "since": -180,
     "updates": [
        (-170, "The Southmead Youth Panel is elected", "**Twelve young people** aged 15 to 24, elected in the schools and youth clubs.", None),
        (("spring", "opens", 0), "Spring grants: up to €5,000", "[Apply online](https://demo.city/youth-fund) or at the youth club. The panel decides.", "spring"),
        (-12, "Panel drop-in at the youth club", "Questions about your application? The panel is there **every Wednesday, 4 to 6 pm**.", "spring")],
     "milestones": [(-160, "Youth Panel elected", "reached", 0), (-30, "Youth worker in post", "reached", 10), (25, "Spring grants awarded", "planned", 0)],
     "questions": [(6, AMIRA, "question", False, 1, "en", "Can a group from outside Southmead apply if the project happens in Southmead?", (3, "Yes, if most of the young people taking part live in Southmead."))]},
    {"title": "Homes on the former Eastbank bus depot", "since": -120,
     "updates": [
        (-90, "A draft brief for the depot site", "About **320 homes**, half affordable or social, a square and a crèche. [Read the draft brief](https://demo.city/planning/depot-brief).", None),
        (("exhibition", "opens", -5), "Exhibition and consultation dates", "- exhibition at Eastbank Community Hall, **three days**\n- comments online for **30 days**", "exhibition"),
        (("Comment on", "closes", 3), "412 comments: what happens next", "Every comment gets a written answer in the consultation report, before the **planning committee hearing**.", "Comment on")],
     "decisions": [(("Comment on", "closes", 10), "Affordable share and heights for the hearing draft", "Planning committee", "At least 50 % affordable homes; six storeys at most, four on Abbey Street.", ["exhibition", "Comment on"])],
     "milestones": [(-60, "Draft brief published", "reached", 0), (180, "Developer selected", "planned", 0)],
     "questions": [
        (6, AMIRA, "question", True, 0, "en", "Will the crèche be run by the council or a private company?", (5, "By a community provider chosen by tender; fees capped by the council.")),
        (2, NIAMH, "comment", False, 2, "en", "Please keep the old depot clock tower.", None),
        (-24, TOMASZ, "question", True, None, "en", "How many parking spaces will each home have? Abbey Street is already full every evening.", None)]},
    {"title": "Energy retrofit of the Ashgrove flats", "since": -300,
     "updates": [
        (-200, "The retrofit works programme", "Insulation, new windows and heat pumps, **block by block**. Each block takes about ten weeks.", None),
        (("panel", "opens", -7), "Tenants' panel meets next week", "Your representatives will hear how the works are organised. [Works programme](https://demo.city/housing/ashgrove-retrofit).", "panel"),
        (("coaching", "opens", 3), "Blocks A and B finished", "Tenants in the first two blocks now have **heat pumps**. Coaching sessions continue.", "coaching"),
        (-112, "Works paused", "The contractor has gone **into liquidation**. The sites are made safe; the contract will be tendered again.", None)],
     "decisions": [
        (("panel", "opens", -10), "Retrofit works programme approved", "Housing committee", "Approved the programme and the contractor before the tenants' panel was set up.", []),
        (-106, "Works contract ended, to be tendered again", "City council", "The contract is terminated; the remaining blocks will be tendered again.", [])],
     "milestones": [(-130, "Blocks A and B finished", "reached", 5), (-60, "Rowan Court blocks finished", "missed", 0), (90, "New contractor appointed", "planned", 0)],
     "questions": [
        (2, NIAMH, "question", False, 3, "en", "Will the scaffolding on Rowan Court stay up while the works are paused?", (4, "It comes down next week; it will go up again when works resume.")),
        (-20, TOMASZ, "comment", True, None, "en", "Months without news. The heat pumps in Block A work well; the rest of us are still cold.", None)]},
    {"title": "Air quality and noise sensors", "since": -130,
     "updates": [
        (("sensors go", "opens", 0), "Where should the sensors go?", "Suggest a site on the map: **schools, busy junctions, quiet streets** for comparison.", "sensors go"),
        (("sensors go", "decided", 0), "The 40 sites are chosen", "**26** of the sites came from residents' suggestions. [See the map](https://data.demo.city/air/sites).", "sensors go"),
        (-25, "First readings online", "Readings every five minutes, as **open data** (CC BY 4.0): [data.demo.city/air](https://data.demo.city/air).", None),
        (-8, "A data charter, written with residents", "Letters went to **500 households drawn by lot**; the working group meets at Old Quays Library.", "charter")],
     "decisions": [(("sensors go", "decided", 0), "Forty sensor sites approved", "Environment committee", "The 40 sites, chosen from residents' suggestions and the engineers' shortlist.", ["sensors go"])],
     "milestones": [(-30, "All 40 sensors installed", "reached", 3), (90, "Data charter adopted", "planned", 0)],
     "questions": [
        (2, AMIRA, "question", True, 2, "en", "The sensor at the Castle Street school shows PM2.5 peaks at 8 am. Is that the drop-off traffic?", (3, "Very likely: the peak is on school days only. We are looking at it with the roads team.")),
        (-10, NIAMH, "question", False, None, "en", "Does the noise sensor record conversations?", (1, "No. It measures sound levels only, never sound itself."))]},
]  # fmt: skip
