"""Every choice field offers SelectChoice options: WTForms 3.4 refuses (value, label)
tuples, and WTForms 3.3 warns only about those given to a field's constructor."""

import importlib
import inspect
import pkgutil
from types import SimpleNamespace

import sqlalchemy as sa
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms.fields.choices import SelectFieldBase

import participation


def form_classes() -> set[type]:
    """The app's form classes that have a choice field (classes made inside a function,
    like the survey's, are covered through the function that makes them)."""
    for module in pkgutil.walk_packages(participation.__path__, "participation."):
        if module.name.rsplit(".", 1)[-1] == "forms":
            importlib.import_module(module.name)
    found, todo = set(), [FlaskForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        fields = inspect.getmembers(cls, lambda v: hasattr(v, "field_class"))
        if (
            cls.__module__.startswith("participation.")
            and "<locals>" not in cls.__qualname__
            and any(issubclass(f.field_class, SelectFieldBase) for _n, f in fields)
        ):
            found.add(cls)
    return found


def built_forms(db, square_city, make_consultation, make_process):
    """One form of each kind, built as the views build them, from real objects."""
    from participation.auth import forms as auth
    from participation.budgeting import forms as budgeting
    from participation.budgeting.models import Proposal
    from participation.consultations import forms as consultations
    from participation.consultations import survey_forms
    from participation.core import forms as core
    from participation.core.models import District
    from participation.issues import forms as issues
    from participation.issues.services import list_categories
    from participation.ladder import forms as ladder
    from participation.ladder.facts import FACT_KEYS
    from participation.notify import forms as notify
    from participation.notify.preferences import Kind
    from participation.projects import forms as projects

    districts = db.session.scalars(sa.select(District)).all()
    consultation = make_consultation()
    process = make_process()
    proposal = Proposal(budget_id=process.budgets[0].id, title="Benches", cost=500)
    db.session.add(proposal)
    db.session.commit()
    project = consultation.project
    landmark = SimpleNamespace(id=7, name="Aven Bridge", district=districts[0])
    return [
        *(form() for form in (auth.SignUpForm, auth.LanguageForm, auth.AgeGroupForm)),
        auth.RolesForm(),
        auth.DistrictForm(districts),
        core.ProjectForm(districts),
        core.EngagementForm(districts),
        consultations.ConsultationForm(districts),
        consultations.QuestionForm(),
        *(
            form()
            for form in (
                consultations.TextForm,
                consultations.SectionForm,
                consultations.CommentForm,
                consultations.ClosingForm,
                consultations.ReportForm,
            )
        ),
        survey_forms.survey_form(consultation.questions, {}),
        budgeting.ProcessForm(districts),
        budgeting.BudgetForm(districts),
        budgeting.ProposalForm(process.budgets),
        budgeting.ReviewForm([proposal]),
        budgeting.MilestoneForm(),
        projects.UpdateForm(project),
        projects.DecisionForm(project),
        *(
            form()
            for form in (
                projects.MilestoneForm,
                projects.QuestionForm,
                projects.AnswerForm,
                projects.DigestForm,
            )
        ),
        *(ladder.FactForm(key) for key in FACT_KEYS),
        ladder.ReviewForm(),
        issues.ReportForm().offer(list_categories(), [landmark]),
        issues.VisitorReportForm().offer(list_categories(), [landmark]),
        notify.settings_form([Kind("report_updates", "Updates on reports I follow")]),
        issues.StatusForm().offer([("acknowledged", "Acknowledged")]),
    ]


def test_every_choice_field_offers_select_choices(
    app, db, square_city, make_consultation, make_process
):
    with app.test_request_context():
        forms = built_forms(db, square_city, make_consultation, make_process)
        assert form_classes() - {type(form) for form in forms} == set()
        fields = [f for form in forms for f in form if isinstance(f, SelectFieldBase)]
        for field in fields:
            assert isinstance(field.choices, list), field.name
            wrong = [c for c in field.choices if not isinstance(c, SelectChoice)]
            assert wrong == [], field.name
        # The survey's fields are made per question: its choice fields are there too.
        assert {f.type for f in fields} >= {
            "SelectField",
            "RadioField",
            "CheckboxesField",
        }


def test_places_are_grouped_by_district_in_the_order_first_seen(app):
    from participation.issues.forms import ReportForm

    east, west = SimpleNamespace(name="East Bank"), SimpleNamespace(name="West Bank")
    places = [
        SimpleNamespace(id=1, name="Aven Bridge", district=east),
        SimpleNamespace(id=2, name="Mill Lane", district=west),
        SimpleNamespace(id=3, name="Quay", district=None),
        SimpleNamespace(id=4, name="Market", district=east),
    ]
    with app.test_request_context():
        form = ReportForm().offer([], places)
        html = form.landmark_id()
        groups = [
            (name, [c.label for c in group])
            for name, group in form.landmark_id.iter_groups()
        ]
    assert groups == [
        ("Not from the list", ["None: I use the map or coordinates"]),
        ("East Bank", ["Aven Bridge", "Market"]),
        ("West Bank", ["Mill Lane"]),
        ("Other places", ["Quay"]),
    ]
    assert html.count("<optgroup") == 4
    assert '<optgroup label="East Bank"><option value="1">Aven Bridge</option>' in html
