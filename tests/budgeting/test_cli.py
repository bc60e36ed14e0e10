"""`flask budgeting tally FILE.pb --rule RULE [--json]`."""

import json

from tests.budgeting.test_rules_on_pabulib import DATA
from tests.shared_data import need


def run(app, path, *args):
    if DATA in path.parents:
        need(path)  # the command would only say the file is missing
    args = (path, *args)
    return app.test_cli_runner().invoke(args=["budgeting", "tally", *map(str, args)])


def test_tally_prints_the_winners_and_their_cost(app):
    result = run(app, DATA / "Poland_Warszawa_2019_Sadul.pb")
    assert result.exit_code == 0, result.output
    assert "greedy: 2 projects, total cost 123500" in result.output
    assert "Nowości w Sadulskim Zakątku" in result.output


def test_tally_json_with_another_rule(app):
    result = run(
        app, DATA / "Poland_Swiecie_2023.pb", "--rule", "equalshares/add1", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["rule"] == "equalshares/add1"
    assert data["parameters"]["completion"] == "add1"
    assert isinstance(data["selected"], list) and data["cost"] > 0
    greedy = json.loads(
        run(app, DATA / "Poland_Swiecie_2023.pb", "--rule", "greedy", "--json").output
    )
    assert greedy["selected"] != data["selected"]


def test_tally_refuses_bad_files_and_rules_clearly(app, tmp_path):
    broken = tmp_path / "broken.pb"
    broken.write_text("META\nkey;value\n", encoding="utf-8")
    result = run(app, broken)
    assert result.exit_code != 0 and "broken.pb: META lacks budget" in result.output
    result = run(app, DATA / "Poland_Warszawa_2019_Sadul.pb", "--rule", "lottery")
    assert result.exit_code != 0 and "lottery" in result.output
