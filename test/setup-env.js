// n8n-core reports node errors through its own logger; the tests assert on those errors instead.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
