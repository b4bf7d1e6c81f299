"""The spellings people type for the same word: a table, not code. Pure: no I/O.

Names are compared word by word after these substitutions, on both sides: the name in
the data and the name typed. Each entry maps a word (in its folded, singular form) to the
words it stands for, so ``CS rep`` and ``Customer service representative`` meet at
``customer service representative``. Keep entries unambiguous within customer service:
a word that could mean two different things here does not belong in the table.
"""

# word typed -> the words it means (already folded: lower case, no accents, singular)
WORD_VARIANTS: dict[str, str] = {
    # British and American spellings
    "centre": "center",
    "organisation": "organization",
    "specialise": "specialize",
    "analyse": "analyze",
    "behaviour": "behavior",
    # abbreviations
    "rep": "representative",
    "cs": "customer service",
    "cx": "customer experience",
    "csr": "customer service representative",
    "mgr": "manager",
    "mngr": "manager",
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "spec": "specialist",
    "assoc": "associate",
    "acct": "account",
    "exec": "executive",
    "ctr": "center",
    "svc": "service",
    "cust": "customer",
}

# Words that end in "s" in the singular: never cut down to a "plural stem".
KEEP_FINAL_S: frozenset[str] = frozenset(
    {"business", "success", "status", "analysis", "always", "process", "access", "news", "us"}
)
