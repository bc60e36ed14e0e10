"""The names of facts, values and provenances as people read them (marked for
translation; translated where shown)."""

from participation.markers import N_

FACT_NAMES = {
    "initiated_by": N_("Who initiated it"),
    "entry_stage": N_("When residents came in"),
    "opens_at": N_("Opened"),
    "closes_at": N_("Closed"),
    "decided_at": N_("Decision taken"),
    "input_kind": N_("What residents could give"),
    "residents_set_options": N_("Residents can put their own options forward"),
    "resident_options_adopted": N_("Resident options adopted"),
    "bindingness": N_("How binding the outcome is"),
    "delegated_scope": N_("Money under residents' decision"),
    "board": N_("Board or panel"),
    "agreement": N_("A negotiated agreement on shared rules"),
    "resident_funds_control": N_("A residents' body controls the funds"),
    "responses": N_("Official responses to inputs"),
    "delivery": N_("Delivery of what was decided"),
    "continuity": N_("Continuity over the project's life"),
    "purpose_persuasion": N_("The aim is to educate or persuade"),
    "endorsement_claimed": N_("The outcome is presented as residents' endorsement"),
}

VALUE_NAMES = {
    "city": N_("the city"),
    "residents": N_("residents"),
    "jointly": N_("jointly"),
    "problem_definition": N_("defining the problem"),
    "options": N_("choosing among options"),
    "decision": N_("the decision"),
    "implementation": N_("implementation"),
    "none": N_("nothing (one-way)"),
    "choice": N_("a choice among fixed options"),
    "feedback": N_("feedback"),
    "proposals": N_("proposals"),
    "deliberation": N_("deliberation"),
    "vote": N_("a vote"),
    "binding": N_("binding"),
    "respond_to_every_input": N_("a commitment to respond to every input"),
    "advisory": N_("advisory"),
    "elected": N_("elected by their community"),
    "lottery": N_("drawn by lot"),
    "self_selected": N_("self-selected"),
    "appointed": N_("appointed by the city"),
}

PROVENANCE_NAMES = {
    "declared": N_("declared"),
    "documented": N_("documented"),
    "observed": N_("observed"),
}

FLAG_NAMES = {
    "rung_1_candidate": N_("Candidate for rung 1 (an evaluator decides)"),
    "rung_2_candidate": N_("Candidate for rung 2 (an evaluator decides)"),
    "unverified_claim": N_("Claim unverified: it rests on declared facts only"),
    "unanswered_inputs": N_("Inputs left unanswered"),
    "delivery_pending": N_("Delivery pending"),
    "not_all_delivered": N_("Not all delivered"),
    "mostly_late": N_("Mostly late: under half of the winners on time"),
}

# The report's figures whose engagements can be listed (figures.BEHIND).
FIGURE_NAMES = {
    "citizen_power": N_("Citizen power (rungs 6–8)"),
    "over_claim": N_("Claimed above the evidence"),
    "no_claim": N_("Made no claim"),
    "after_the_fact": N_("Opened after the decision was taken"),
    "before_decision": N_("Opened before the decision"),
    "unanswered": N_("With inputs left unanswered"),
    "without_report": N_("Closed without “what we heard, what we did”"),
    "options_adopted": N_("With resident options adopted"),
    "binding_money": N_("With money under binding resident decision"),
    "delivery": N_("With winning proposals to deliver"),
    "not_on_time": N_("With winners not delivered on time"),
}
