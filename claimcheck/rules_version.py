"""The version of the extraction rules, written into the ledger's generator
record (``rules``): bump it when a rule change alters the claims of an
unchanged file. Kept outside :mod:`claimcheck.extract` so that reading it
(every ``extract`` and ``diff``) does not import the extraction modules."""

EXTRACTOR_VERSION = "6"
