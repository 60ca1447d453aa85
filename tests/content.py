"""The loaded content's occupations, by slug, for tests that read the real content."""

CSR_SLUG = "customer-service-representatives"
WAITERS_SLUG = "waiters-and-waitresses"
