/*
 * classify_unreachable.c
 *	  Link-time stand-ins for the server functions that the SQL-facing parts
 *	  of src/classify.c and src/licences.c call.  classify_fuzz never reaches
 *	  them; if it did, abort() makes it a reported crash.
 *
 * No PostgreSQL headers here, on purpose: the real declarations differ.
 */
#include <stdlib.h>

#define UNREACHABLE(f) void f(void); void f(void) { abort(); }

UNREACHABLE(CacheRegisterSyscacheCallback)
UNREACHABLE(GetSysCacheOid)
UNREACHABLE(get_namespace_oid)
UNREACHABLE(pg_detoast_datum)
UNREACHABLE(pg_detoast_datum_packed)
UNREACHABLE(BlessTupleDesc)
UNREACHABLE(HeapTupleHeaderGetDatum)
UNREACHABLE(InitMaterializedSRF)
UNREACHABLE(accumArrayResult)
UNREACHABLE(construct_array)
UNREACHABLE(cstring_to_text)
UNREACHABLE(cstring_to_text_with_len)
UNREACHABLE(get_call_result_type)
UNREACHABLE(heap_form_tuple)
UNREACHABLE(initArrayResult)
UNREACHABLE(makeArrayResult)
UNREACHABLE(tuplestore_putvalues)
