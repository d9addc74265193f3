"""mongoengine documents, one module per aggregate. Nothing here imports from server/."""
