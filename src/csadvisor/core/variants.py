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
    "adviser": "representative",
    # the same job under another word (O*NET 43-4051 sample titles; the catalogue's own
    # aliases use them interchangeably): front-line titles meet at "representative",
    # contact and call centres at "call center", support at "service"
    "advisor": "representative",
    "agent": "representative",
    "contact": "call",
    "support": "service",
    "care": "service",
}

# Phrases that stand for one word (matched on whole words, before WORD_VARIANTS)
PHRASE_VARIANTS: dict[str, str] = {
    "team lead": "supervisor",
    "team leader": "supervisor",
    "customer service rep": "customer service representative",
}

# A level written after a title ("CSR II", "Customer Service Rep I"): the same job here
LEVEL_SUFFIXES: frozenset[str] = frozenset(
    {"i", "ii", "iii", "iv", "1", "2", "3", "4", "l1", "l2", "l3", "l4"}
)

# Words that make a title a manager's: a front-line title is never pointed at one of
# these because of one shared word (and the other way round)
MANAGER_WORDS: frozenset[str] = frozenset(
    {"manager", "supervisor", "head", "director", "lead", "leader", "mgr", "mngr", "chief"}
)

# Words that end in "s" in the singular: never cut down to a "plural stem".
KEEP_FINAL_S: frozenset[str] = frozenset(
    {"business", "success", "status", "analysis", "always", "process", "access", "news", "us"}
)
