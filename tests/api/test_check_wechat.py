"""`flask check-wechat` against the fake WeChat over loopback: passing, a wrong template,
template fields that differ, and a PUBLIC_BASE_URL nobody answers at."""

from tests.support.served import closed_url


def run(served, *args):
    """Invoke the command on the served app; (exit code, output)."""
    result = served.app.test_cli_runner().invoke(args=["check-wechat", *args])
    return result.exit_code, result.output


def test_check_wechat_passes_and_says_what_to_set(serve):
    served = serve()
    code, output = run(served)
    assert code == 0, output
    assert output.count("[OK]") == 3
    assert "[FAIL]" not in output
    assert "WECHAT_TEMPLATE_STATUS=demo-status-template" in output
    assert f"{served.base_url}/api/mp/v1/wechat/push" in output
    assert "request 合法域名: " + served.base_url in output
    assert "明文模式" in output
    assert "JSON" in output
    assert "demo-push-token" not in output  # masked unless --show-secrets
    assert "demo-push-token" in run(served, "--show-secrets")[1]


def test_check_wechat_fails_on_a_template_the_account_lacks(serve):
    served = serve(WECHAT_TEMPLATE_STATUS="tmpl-never-added")
    code, output = run(served)
    assert code != 0
    assert "[FAIL] WECHAT_TEMPLATE_STATUS=tmpl-never-added" in output
    assert "demo-status-template" in output  # what the account does have
    assert "1 check(s) failed" in output


def test_check_wechat_fails_when_the_fields_differ(serve, fake_wechat):
    fake_wechat.registry.add_template("demo-status-template", "进度", "编号:{{thing1.DATA}}")
    code, output = run(serve())
    assert code != 0
    assert "fields differ" in output
    assert "thing1" in output


def test_check_wechat_fails_when_wechat_cannot_reach_public_base_url(serve):
    code, output = run(serve(public_base_url=closed_url()))
    assert code != 0
    assert "[FAIL] PUBLIC_BASE_URL" in output
    assert "unreachable" in output


def test_check_wechat_names_the_setting_for_a_wrong_secret(serve):
    code, output = run(serve(WECHAT_SECRET="wrong-secret"))
    assert code != 0
    assert "errcode 40001" in output
    assert "WECHAT_SECRET" in output
