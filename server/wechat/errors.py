"""WeChatError: one failed WeChat call, and which of WeChat's codes are worth trying again."""

# Errors worth trying again later: system busy, rate limited, no answer at all, and a token
# WeChat refused or let expire (the next attempt carries a fresh one).
TRANSIENT_ERRCODES = {None, -1, 45009, 45011, 40001, 42001}


class WeChatError(Exception):
    """A failed WeChat call: `errcode` is WeChat's, or None when WeChat did not answer."""

    def __init__(self, errcode=None, errmsg=""):
        super().__init__(f"WeChat error {errcode}: {errmsg}")
        self.errcode = errcode
        self.errmsg = errmsg

    @property
    def transient(self):
        """Whether trying again later may succeed."""
        return self.errcode in TRANSIENT_ERRCODES


class WeChatBusy(WeChatError):
    """No slot for a WeChat call came quickly: this process already waits on WeChat enough."""

    def __init__(self):
        super().__init__(None, "no free WeChat call slot")
