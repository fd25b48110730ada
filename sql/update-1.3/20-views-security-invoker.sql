-- 1.2's views read the tables as their owner, whose row-level security
-- policies (none, for a superuser) then applied instead of the caller's:
-- every view now reads them with the caller's privileges and policies.
ALTER VIEW @extschema@.labels SET (security_invoker = true);
ALTER VIEW @extschema@.ambiguous_labels SET (security_invoker = true);
ALTER VIEW @extschema@.shadowed_labels SET (security_invoker = true);
ALTER VIEW @extschema@.backlinks_all SET (security_invoker = true);
ALTER VIEW @extschema@.dangling_links SET (security_invoker = true);
ALTER VIEW @extschema@.entry_pages SET (security_invoker = true);
