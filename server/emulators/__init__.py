"""Stand-ins for MongoDB, WeChat, the 企业微信 robot and SMTP in demo mode and tests,
apart from production code.

`mongo/` is the strict layer over mongomock (refuses what MongoDB refuses, checks every
query against the declared indexes) and its speed-ups; `wechat/` is the fake WeChat
server that wechatpy talks to over real loopback HTTP; `wecom_robot.py` and `mailbox.py`
are the loopback robot and mailbox queue news reaches (started by `news_fakes`).
"""
