-- Exit cases (issue 7 §7): a customer marked lost gets a case of its own — someone calls to hear why —
-- that no feedback item opened, so a case now has a kind and its opening item may be missing.
ALTER TABLE cases ALTER COLUMN opening_feedback_id DROP NOT NULL;
ALTER TABLE cases ADD COLUMN kind TEXT NOT NULL DEFAULT 'feedback' CHECK (kind IN ('feedback', 'exit'));
ALTER TABLE cases ADD CONSTRAINT cases_feedback_cases_have_their_item
  CHECK (kind = 'exit' OR opening_feedback_id IS NOT NULL);
-- At most one open exit case per customer: running a job twice never opens a second one.
CREATE UNIQUE INDEX cases_one_open_exit_per_customer ON cases (customer_id) WHERE kind = 'exit' AND closed_at IS NULL;

-- The job that opens the exit case and invites to the exit survey, written in the transaction that marks
-- the customer lost (through the API or an import), so a crash never loses it.
CREATE FUNCTION customer_lost_exit_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO jobs (kind, payload, run_at, created_at)
  VALUES ('cases.exit', '{"customer_id":' || NEW.id || '}', NEW.updated_at, NEW.updated_at);
  RETURN NULL;
END
$$;
CREATE TRIGGER customer_lost_exit_case AFTER UPDATE OF status ON customers
  FOR EACH ROW WHEN (NEW.status = 'lost' AND OLD.status <> 'lost') EXECUTE FUNCTION customer_lost_exit_job();
