"""Stand-ins for MongoDB and WeChat in demo mode and tests, apart from production code.

`mongo/` is the strict layer over mongomock (refuses what MongoDB refuses, checks every
query against the declared indexes) and its speed-ups; `wechat/` is the fake WeChat
server that wechatpy talks to over real loopback HTTP.
"""
