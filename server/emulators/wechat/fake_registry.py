"""What the fake WeChat server knows about the mini-program: its templates and pages.

Subscribe templates are registered as WeChat's `gettemplate` lists them: an id, a title
and a content such as "编号:{{character_string1.DATA}}"; a field's kind is its key without
the number, and WeChat's value rule for that kind applies on send (47003). Pages are what
each version of the mini-program (release, trial, develop) contains: with `check_path`, a
小程序码 for a page the version lacks is 41030, and so is a message opening one.
"""

import re
import threading

FIELD = re.compile(r"\{\{(\w+)\.DATA\}\}")
_TIME = r"(\d{4}年\d{1,2}月\d{1,2}日 ?|\d{4}-\d{2}-\d{2} )?\d{1,2}:\d{2}(:\d{2})?"
# WeChat's rules per field kind (subscribeMessage.send documentation).
VALUE_RULES = {
    "thing": re.compile(r"[^\n]{1,20}"),
    "character_string": re.compile(r"[\x21-\x7e]{1,32}"),
    "number": re.compile(r"\d{1,32}(\.\d+)?"),
    "letter": re.compile(r"[A-Za-z]{1,32}"),
    "phrase": re.compile(r"[\u4e00-\u9fff]{1,5}"),
    "time": re.compile(f"{_TIME}(~{_TIME})?"),
    "date": re.compile(
        r"\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?|\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2})?"
    ),
    "name": re.compile(r"[\u4e00-\u9fff]{1,10}|[A-Za-z .]{1,20}"),
}
VERSIONS = ("release", "trial", "develop")
STATES = {"formal": "release", "trial": "trial", "developer": "develop"}  # send's names


class Registry:
    """Templates (id -> {"title", "content"}) and pages per version; thread-safe."""

    def __init__(self, templates=None, pages=()):
        self._lock = threading.Lock()
        self._initial = (dict(templates or {}), tuple(pages))
        self.reset()

    def reset(self):
        """Back to the templates and pages given at construction."""
        templates, pages = self._initial
        with self._lock:
            self._templates = {tid: {"title": t, "content": c} for tid, (t, c) in templates.items()}
            self._pages = {version: set(pages) for version in VERSIONS}

    def add_template(self, template_id, title, content):
        """Add a template to the account's list (as picked in the admin console)."""
        with self._lock:
            self._templates[template_id] = {"title": title, "content": content}

    def remove_template(self, template_id):
        """Delete a template from the account's list."""
        with self._lock:
            self._templates.pop(template_id, None)

    def publish(self, pages, *versions):
        """Make `pages` part of these versions of the mini-program."""
        with self._lock:
            for version in versions or ("release",):
                self._pages[version].update(pages)

    def withdraw(self, pages, *versions):
        """Remove `pages` from these versions (all when none are named)."""
        with self._lock:
            for version in versions or VERSIONS:
                self._pages[version].difference_update(pages)

    def has_page(self, page, version="release"):
        """Whether `page` (without its query) is in that version of the mini-program."""
        with self._lock:
            return page.split("?", 1)[0] in self._pages.get(version, ())

    def templates(self):
        """gettemplate's `data` list."""
        with self._lock:
            items = list(self._templates.items())
        return [
            {
                "priTmplId": tid,
                "title": t["title"],
                "content": t["content"],
                "example": "",
                "type": 2,
            }
            for tid, t in items
        ]

    def data_error(self, template_id, data):
        """None if `data` fits the template; else (errcode, errmsg) as WeChat answers."""
        with self._lock:
            template = self._templates.get(template_id)
        if template is None:
            return 40037, "invalid template id"
        if not isinstance(data, dict):
            return 47003, "argument invalid! data is empty"
        fields = FIELD.findall(template["content"])
        for name in fields:
            item = data.get(name)
            value = item.get("value") if isinstance(item, dict) else None
            rule = VALUE_RULES.get(name.rstrip("0123456789"))
            if not isinstance(value, str) or not value:
                return 47003, f"argument invalid! data.{name}.value is empty"
            if rule is not None and not rule.fullmatch(value):
                return 47003, f"argument invalid! data.{name}.value invalid"
        for name in set(data) - set(fields):
            return 47003, f"argument invalid! data.{name} not in template"
        return None
