-- Lead-to-close autonomy store: one row per decision or action (core/metrics, docs/metrics.md).
-- Idempotent (IF NOT EXISTS, CREATE OR REPLACE VIEW): apply it on every start. Written for
-- PostgreSQL 13 and later, and PGlite (PostgreSQL 18): no MERGE, no JSON_TABLE, no uuidv7(), no
-- CREATE OR REPLACE TRIGGER, no NULLS NOT DISTINCT. Nothing here reads the session time zone.
-- A view may gain columns at its end only (CREATE OR REPLACE VIEW cannot drop or reorder them).

CREATE TABLE IF NOT EXISTS ltc_events (
    id            bigserial PRIMARY KEY,
    event_id      text,
    occurred_at   timestamptz NOT NULL,
    workflow      text NOT NULL,
    execution_id  text NOT NULL,
    step          text NOT NULL,
    actor         text NOT NULL,
    decision      text,
    outcome       text,
    lead_ref      text,
    deal_ref      text,
    quote_ref     text,
    channel       text,
    service       text,
    score         double precision,
    confidence    double precision,
    amount        bigint,
    currency      text,
    duration_ms   bigint,
    tokens_in     integer,
    tokens_out    integer,
    cost_usd      numeric(14, 6),
    error         text,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ltc_events_actor_check CHECK (actor IN ('ai', 'human', 'system')),
    CONSTRAINT ltc_events_score_check CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
    CONSTRAINT ltc_events_confidence_check CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
    CONSTRAINT ltc_events_currency_check CHECK (currency IS NULL OR currency ~ '^[A-Z]{3}$'),
    CONSTRAINT ltc_events_amount_currency_check CHECK (amount IS NULL OR currency IS NOT NULL),
    CONSTRAINT ltc_events_counts_check CHECK (
        coalesce(duration_ms, 0) >= 0 AND coalesce(tokens_in, 0) >= 0
        AND coalesce(tokens_out, 0) >= 0 AND coalesce(cost_usd, 0) >= 0)
);

-- Issue 19: who took a human decision in the system of record and why (a Quotation's lost reasons).
-- Added with ALTER so a table created by an earlier release gains them when this file is applied again.
ALTER TABLE ltc_events ADD COLUMN IF NOT EXISTS decided_by text;
ALTER TABLE ltc_events ADD COLUMN IF NOT EXISTS reason text;

COMMENT ON TABLE ltc_events IS
    'Lead-to-close autonomy events, one per decision (decision set) or action (decision null); see docs/metrics.md';

-- event_id is the event's content hash (core/metrics eventId): n8n's Postgres Insert with
-- "Skip on Conflict" (ON CONFLICT DO NOTHING) then stores each event once.
CREATE UNIQUE INDEX IF NOT EXISTS ltc_events_event_id_key ON ltc_events (event_id);
CREATE INDEX IF NOT EXISTS ltc_events_occurred_at_idx ON ltc_events (occurred_at);
CREATE INDEX IF NOT EXISTS ltc_events_step_occurred_at_idx ON ltc_events (step, occurred_at);
CREATE INDEX IF NOT EXISTS ltc_events_execution_idx ON ltc_events (execution_id, step);
CREATE INDEX IF NOT EXISTS ltc_events_lead_idx ON ltc_events (lead_ref) WHERE lead_ref IS NOT NULL;
CREATE INDEX IF NOT EXISTS ltc_events_quote_idx ON ltc_events (quote_ref) WHERE quote_ref IS NOT NULL;
CREATE INDEX IF NOT EXISTS ltc_events_decision_idx ON ltc_events (occurred_at) WHERE decision IS NOT NULL;

-- Decision points (the unit of autonomy, docs/metrics.md): decision events grouped by execution,
-- step and subject (quote, else deal, else lead). Autonomous = no human event, no hand-off
-- (review/handoff) and at least one event without an error. core/metrics/autonomy.ts is the same rule.
CREATE OR REPLACE VIEW ltc_decision_points AS
SELECT
    e.execution_id,
    e.step,
    coalesce(e.quote_ref, e.deal_ref, e.lead_ref, '') AS subject_ref,
    min(e.workflow) AS workflow,
    min(e.occurred_at) AS decided_at,
    max(e.occurred_at) AS settled_at,
    count(*) AS decision_events,
    bool_or(e.actor = 'human') AS human_decided,
    bool_or(e.decision IN ('review', 'handoff')) AS handed_off,
    (NOT bool_or(e.actor = 'human')
        AND NOT bool_or(e.decision IN ('review', 'handoff'))
        AND bool_or(e.error IS NULL)) AS autonomous,
    min(e.occurred_at) FILTER (WHERE e.decision = 'review') AS review_requested_at,
    min(e.occurred_at) FILTER (WHERE e.actor = 'human' OR e.decision = 'timeout') AS review_resolved_at,
    min(e.lead_ref) AS lead_ref,
    min(e.deal_ref) AS deal_ref,
    min(e.quote_ref) AS quote_ref
FROM ltc_events e
WHERE e.decision IS NOT NULL
GROUP BY e.execution_id, e.step, coalesce(e.quote_ref, e.deal_ref, e.lead_ref, '');

-- One row per n8n execution, for the "recent workflow runs" table.
CREATE OR REPLACE VIEW ltc_runs AS
SELECT
    e.execution_id,
    min(e.workflow) AS workflow,
    min(e.occurred_at) AS started_at,
    max(e.occurred_at) AS last_event_at,
    count(*) AS events,
    count(*) FILTER (WHERE e.decision IS NOT NULL) AS decisions,
    count(*) FILTER (WHERE e.actor = 'human') AS human_events,
    count(*) FILTER (WHERE e.error IS NOT NULL) AS errors,
    coalesce(sum(e.tokens_in), 0) + coalesce(sum(e.tokens_out), 0) AS llm_tokens,
    coalesce(sum(e.cost_usd), 0) AS cost_usd
FROM ltc_events e
GROUP BY e.execution_id;

-- Quotes as created in ERPNext, with whether and when they were won or lost.
CREATE OR REPLACE VIEW ltc_quotes AS
SELECT
    q.quote_ref,
    min(q.lead_ref) AS lead_ref,
    min(q.occurred_at) AS created_at,
    (SELECT min(c.occurred_at) FROM ltc_events c
      WHERE c.step = 'close' AND c.outcome = 'won' AND c.quote_ref = q.quote_ref) AS won_at,
    (SELECT min(c.occurred_at) FROM ltc_events c
      WHERE c.step = 'close' AND c.outcome = 'lost' AND c.quote_ref = q.quote_ref) AS lost_at
FROM ltc_events q
WHERE q.step = 'quote' AND q.outcome = 'created' AND q.quote_ref IS NOT NULL
GROUP BY q.quote_ref;
