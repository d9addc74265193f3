"""What staff see of where a complaint came from, and of its cluster.

Every list row and detail carries `channel` and `cluster`; a complaint staff entered also
shows its reference, when the bureau received it and who entered it. The caller's name is
masked like the phone (张*), both revealed only by the audited reveal action.
"""

from models.choices import COMPLAINT_CHANNELS
from server.clock import iso
from server.services.complaints.access import visible_numbers
from server.services.complaints.clusters import cluster_of

PARENT_CHANNEL = "mini_program"


def channel_of(complaint):
    """The complaint's channel (stored before channels existed: the mini-program)."""
    return complaint.channel or PARENT_CHANNEL


def mask_name(name):
    """张* / 欧阳** : the first character, the rest hidden."""
    return (name[0] + "*" * (len(name) - 1) if len(name) > 1 else "*") if name else None


def channel_fields(complaint):
    """The channel and cluster size of a list row."""
    channel = channel_of(complaint)
    return {
        "channel": channel,
        "channel_label": COMPLAINT_CHANNELS.get(channel, channel),
        "cluster": cluster_of(complaint),
    }


def channel_detail(complaint, staff):
    """The channel fields of the detail: the cluster (its size county-wide, its members'
    numbers only those `staff` may see), and the intake record."""
    cluster = cluster_of(complaint, numbers=True)
    seen = set(visible_numbers(staff, cluster["numbers"]))
    cluster["numbers"] = [no for no in cluster["numbers"] if no in seen]
    return {
        **channel_fields(complaint),
        "cluster": cluster,
        "external_ref": complaint.external_ref,
        "received_at": iso(complaint.received_at or complaint.created_at),
        "caller_name": mask_name(complaint.caller_name),
        "entered_by": complaint.entered_by,
    }


def reply_channel(complaint):
    """How an answer reaches someone who did not use the mini-program: by the channel they
    used (a visit and the national platform are answered by phone)."""
    channel = channel_of(complaint)
    return {"visit": "phone", "other": "phone", PARENT_CHANNEL: "phone"}.get(channel, channel)
