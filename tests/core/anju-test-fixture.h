/* anju-test-fixture.h — shorthands for a core test's fixture
 *
 * For a test whose fixture @f holds its store in f->store and has its ids
 * registered as marks (anju_test_set_marks()), as most core tests do:
 * run_ok (f, actor, type, json) and the others below are the shared
 * helpers of anju-test-util.h on that store. */
#pragma once

#include "anju-test-util.h"

#define expand(f, json) anju_test_expand_marks ((f)->store, (json))
#define run_ok(f, actor, type, json) anju_test_run_ok ((f)->store, (actor), (type), (json))
#define run_id(f, actor, type, json, member) \
  anju_test_run_id ((f)->store, (actor), (type), (json), (member))
/* Returns the message. */
#define assert_refused(f, actor, type, json, code, field) \
  anju_test_assert_refused ((f)->store, (actor), (type), (json), (code), (field))
/* Only the code and field to check. */
#define REFUSED(f, actor, type, json, code, field) \
  ANJU_TEST_REFUSED ((f)->store, (actor), (type), (json), (code), (field))
#define assert_due(due, expected) anju_test_assert_due ((due), (expected))
