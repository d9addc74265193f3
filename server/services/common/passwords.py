"""Password hashing for staff accounts (werkzeug's scrypt by default)."""

from werkzeug.security import check_password_hash, generate_password_hash

# Set once from config at start; tests use a cheaper pbkdf2 so hundreds of accounts stay fast.
settings = {"method": "scrypt"}

MIN_LENGTH = 8


def use_hash_method(method):
    """Hash new passwords with `method` (from the settings, once at start)."""
    settings["method"] = method


def hash_password(password):
    """A salted hash of `password`."""
    return generate_password_hash(password, method=settings["method"])


def verify_password(password_hash, password):
    """Whether `password` matches the stored hash."""
    return bool(password_hash) and check_password_hash(password_hash, password)


def hash_method():
    """The method new passwords are hashed with."""
    return settings["method"]
