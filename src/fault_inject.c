/*
 * fault_inject.c
 *	  The settings and the action of the fault points (fault_inject.h),
 *	  compiled only into the fault-injection build (make FAULTS=1).
 */
#include "postgres.h"

#ifdef GLOSSARY_FAULT_INJECTION

#include <limits.h>

#include "miscadmin.h"
#include "storage/latch.h"
#include "utils/wait_event.h"
#include "utils/guc.h"

#include "fault_inject.h"

enum
{
	FAULT_ERROR,
	FAULT_SLEEP
};

static const struct config_enum_entry fault_actions[] = {
	{"error", FAULT_ERROR, false},
	{"sleep", FAULT_SLEEP, false},
	{NULL, 0, false}
};

static int	fault_at = 0;
static char *fault_match = NULL;
static int	fault_action = FAULT_ERROR;
static int	fault_sleep_ms = 10000;
static bool fault_trace = false;
static int	fault_reached = 0;

/* setting where or which points to count starts the count again */
static void
reset_count(int newval, void *extra)
{
	fault_reached = 0;
}

static void
reset_count_str(const char *newval, void *extra)
{
	fault_reached = 0;
}

static const char *
show_reached(void)
{
	static char buf[16];

	snprintf(buf, sizeof(buf), "%d", fault_reached);
	return buf;
}

void
glossary_fault_init(void)
{
	static char *reached_dummy = NULL;

	DefineCustomIntVariable("glossary.fault_at",
							"Fault-injection build: the Nth fault point reached fails (0: none).",
							NULL, &fault_at, 0, 0, INT_MAX, PGC_SUSET, 0,
							NULL, reset_count, NULL);
	DefineCustomStringVariable("glossary.fault_match",
							   "Fault-injection build: count only the fault points whose name starts with this.",
							   NULL, &fault_match, "", PGC_SUSET, 0,
							   NULL, reset_count_str, NULL);
	DefineCustomEnumVariable("glossary.fault_action",
							 "Fault-injection build: what the chosen fault point does.",
							 NULL, &fault_action, FAULT_ERROR, fault_actions, PGC_SUSET, 0,
							 NULL, NULL, NULL);
	DefineCustomIntVariable("glossary.fault_sleep_ms",
							"Fault-injection build: how long fault_action 'sleep' sleeps.",
							NULL, &fault_sleep_ms, 10000, 0, INT_MAX, PGC_SUSET, GUC_UNIT_MS,
							NULL, NULL, NULL);
	DefineCustomBoolVariable("glossary.fault_trace",
							 "Fault-injection build: a NOTICE at every fault point counted.",
							 NULL, &fault_trace, false, PGC_SUSET, 0,
							 NULL, NULL, NULL);
	DefineCustomStringVariable("glossary.fault_points_reached",
							   "Fault-injection build: the fault points counted since fault_at or fault_match was set.",
							   NULL, &reached_dummy, "0", PGC_INTERNAL, GUC_NOT_IN_SAMPLE,
							   NULL, NULL, show_reached);
}

/* sleep, waking for interrupts; one that cannot be served here (an LWLock is held) ends the sleep */
static void
fault_sleep(const char *name)
{
	int			left = fault_sleep_ms;

	elog(LOG, "glossary fault point \"%s\" sleeps %d ms", name, fault_sleep_ms);
	while (left > 0)
	{
		CHECK_FOR_INTERRUPTS();
		if (InterruptPending && !INTERRUPTS_CAN_BE_PROCESSED())
			break;
		/* PgSleep in pg_stat_activity: a test sees where the session waits */
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 Min(left, 10), WAIT_EVENT_PG_SLEEP);
		ResetLatch(MyLatch);
		left -= 10;
	}
}

void
glossary_fault_point(const char *name)
{
	if (fault_match != NULL && fault_match[0] != '\0' &&
		strncmp(name, fault_match, strlen(fault_match)) != 0)
		return;
	fault_reached++;
	if (fault_trace)
		ereport(NOTICE,
				(errmsg("glossary fault point %d: %s", fault_reached, name)));
	if (fault_reached != fault_at)
		return;
	if (fault_action == FAULT_SLEEP)
	{
		fault_sleep(name);
		return;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INTERNAL_ERROR),
			 errmsg("glossary fault injected at point %d: %s", fault_reached, name)));
}

#endif							/* GLOSSARY_FAULT_INJECTION */
