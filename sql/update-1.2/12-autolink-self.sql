-- autolink() recognises an entry's own body by the key the label index
-- keeps for every body, so the hash index it queried per call goes.
DROP INDEX @extschema@.entries_body_hash_idx;
