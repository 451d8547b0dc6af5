/* test-codec.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cercle-core.h"

/* Gives every field of @record a value other than its default, so that a
 * round trip that drops or mixes up a field shows. */
static void
fill_every_field (CercleRecord *record,
                  guint         salt)
{
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (record);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      GParamSpec *pspec = klass->fields[i];
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, type);

      if (type == G_TYPE_STRING)
        g_value_take_string (&value, g_strdup_printf ("« %s » n°%u — Œuvre, 東京, \"quoted\"\n",
                                                      klass->columns[i], salt));
      else if (type == G_TYPE_INT)
        g_value_set_int (&value, G_PARAM_SPEC_INT (pspec)->maximum);
      else if (type == G_TYPE_INT64)
        g_value_set_int64 (&value, G_MAXINT64 - salt);
      else if (type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, !G_PARAM_SPEC_BOOLEAN (pspec)->default_value);
      else if (G_TYPE_IS_ENUM (type))
        {
          GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;

          g_value_set_enum (&value, enum_class->values[enum_class->n_values - 1].value);
        }
      else
        g_assert_not_reached ();

      g_object_set_property (G_OBJECT (record), pspec->name, &value);
    }
}

static void
assert_same_record (CercleRecord *a,
                    CercleRecord *b)
{
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (a);

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  g_assert_cmpstr (cercle_record_get_id (a), ==, cercle_record_get_id (b));
  g_assert_cmpint (cercle_record_get_rev (a), ==, cercle_record_get_rev (b));
  g_assert_cmpstr (cercle_record_get_updated_at (a), ==, cercle_record_get_updated_at (b));
  g_assert_cmpint (cercle_record_get_deleted (a), ==, cercle_record_get_deleted (b));

  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (g_param_values_cmp (klass->fields[i],
                              cercle_record_peek_value (a, i + 1),
                              cercle_record_peek_value (b, i + 1)) != 0)
        g_error ("field %s of %s differs after a round trip",
                 klass->columns[i], klass->table_name);
    }
}

static CercleRecord *
round_trip (CercleRecord *record)
{
  g_autoptr(JsonObject) row = cercle_codec_record_to_json (record);
  g_autofree char *text = cercle_json_object_to_string (row);
  g_autoptr(JsonObject) parsed = NULL;
  g_autoptr(GError) error = NULL;
  CercleRecord *back;

  parsed = cercle_json_parse_object (text, -1, CERCLE_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  back = cercle_codec_record_from_json (parsed, CERCLE_CODEC_STRICT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  return back;
}

static void
test_record_round_trip (void)
{
  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    {
      g_autoptr(CercleRecord) record = g_object_new (cercle_entity_get_record_type (entity), NULL);
      g_autoptr(CercleRecord) defaults = g_object_new (cercle_entity_get_record_type (entity), NULL);
      g_autoptr(CercleRecord) back = NULL;
      g_autoptr(CercleRecord) defaults_back = NULL;

      g_assert_cmpint (cercle_record_get_entity (record), ==, entity);
      g_assert_cmpstr (cercle_entity_get_name (entity), ==, cercle_record_get_table_name (record));

      fill_every_field (record, entity);
      cercle_record_set_rev (record, 42 + entity);
      cercle_record_set_updated_at (record, "2026-11-23T08:00:00Z");
      cercle_record_set_deleted (record, entity % 2 == 1);

      back = round_trip (record);
      assert_same_record (record, back);

      /* Defaults, nulls included, survive too */
      defaults_back = round_trip (defaults);
      assert_same_record (defaults, defaults_back);
    }
}

/* The text writer and the tree say the same, for every entity, odd
 * characters and a damaged text included */
static void
test_record_writer (void)
{
  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    for (guint variant = 0; variant < 3; variant++)
      {
        g_autoptr(CercleRecord) record = g_object_new (cercle_entity_get_record_type (entity), NULL);
        g_autoptr(GString) text = g_string_new (NULL);
        g_autoptr(JsonObject) tree = NULL;
        g_autoptr(JsonNode) tree_node = NULL;
        g_autoptr(JsonNode) written = NULL;
        g_autoptr(GError) error = NULL;
        CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (record);

        if (variant > 0)
          fill_every_field (record, entity);
        if (variant == 2)
          {
            /* Control characters, a backslash, and bytes that are not UTF-8 */
            g_object_set (record, klass->fields[0]->name, "a\\b\x01c\x1f\td\r\"e\"", NULL);
          }
        cercle_record_set_rev (record, 7 + variant);
        cercle_record_set_updated_at (record, variant == 0 ? NULL : "2026-11-23T08:00:00Z");

        cercle_codec_write_record (text, record);
        written = cercle_json_parse (text->str, (gssize)text->len, CERCLE_JSON_MAX_DEPTH, &error);
        g_assert_no_error (error);

        tree = cercle_codec_record_to_json (record);
        tree_node = json_node_init_object (json_node_alloc (), tree);
        g_assert_true (json_node_equal (tree_node, written));
      }

  {
    g_autoptr(GString) text = g_string_new (NULL);
    g_autoptr(JsonNode) parsed = NULL;

    cercle_codec_write_string (text, "caf\xc3 \xff fin");
    parsed = cercle_json_parse (text->str, (gssize)text->len, CERCLE_JSON_MAX_DEPTH, NULL);
    g_assert_nonnull (parsed);
    g_assert_true (g_utf8_validate (json_node_get_string (parsed), -1, NULL));
  }
}

static void
test_entity_names (void)
{
  CercleEntity entity;

  g_assert_true (cercle_entity_from_name ("one_to_one", &entity));
  g_assert_cmpint (entity, ==, CERCLE_ENTITY_ONE_TO_ONE);
  g_assert_false (cercle_entity_from_name ("members", NULL));
  g_assert_false (cercle_entity_from_name (NULL, NULL));
  g_assert_false (cercle_entity_from_name ("", NULL));
}

/* Each bad row must be refused with the given error code, and the message
 * must name the culprit. */
static void
test_record_rejects (void)
{
  static const struct {
    const char *json;
    int         code;
    const char *named;
  } cases[] = {
    { "{\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\"}", CERCLE_JSON_ERROR_MISSING, "entity" },
    { "{\"entity\":\"members\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\"}", CERCLE_JSON_ERROR_UNKNOWN_ENTITY, "members" },
    { "{\"entity\":\"member\",\"id\":\"42\"}", CERCLE_JSON_ERROR_INVALID, "id" },
    { "{\"entity\":\"member\",\"id\":17}", CERCLE_JSON_ERROR_WRONG_TYPE, "id" },
    { "{\"entity\":\"member\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"rev\":-1}", CERCLE_JSON_ERROR_OUT_OF_RANGE, "rev" },
    { "{\"entity\":\"member\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"rev\":1.5}", CERCLE_JSON_ERROR_WRONG_TYPE, "rev" },
    { "{\"entity\":\"member\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"deleted\":1}", CERCLE_JSON_ERROR_WRONG_TYPE, "deleted" },
    { "{\"entity\":\"member\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"fields\":[]}", CERCLE_JSON_ERROR_WRONG_TYPE, "fields" },
    { "{\"entity\":\"member\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"fields\":{\"city\":12}}", CERCLE_JSON_ERROR_WRONG_TYPE, "city" },
    { "{\"entity\":\"member\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"fields\":{\"shoe_size\":\"44\"}}", CERCLE_JSON_ERROR_UNKNOWN_FIELD, "shoe_size" },
    { "{\"entity\":\"member\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"fields\":{\"status\":\"king\"}}", CERCLE_JSON_ERROR_OUT_OF_RANGE, "status" },
    { "{\"entity\":\"member\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"fields\":{\"status\":null}}", CERCLE_JSON_ERROR_WRONG_TYPE, "status" },
    { "{\"entity\":\"member\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"fields\":{\"qr_consent\":\"yes\"}}", CERCLE_JSON_ERROR_WRONG_TYPE, "qr_consent" },
    { "{\"entity\":\"referral\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"fields\":{\"temperature\":9}}", CERCLE_JSON_ERROR_OUT_OF_RANGE, "temperature" },
    { "{\"entity\":\"referral\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"fields\":{\"amount_cents\":-5}}", CERCLE_JSON_ERROR_OUT_OF_RANGE, "amount_cents" },
    { "{\"entity\":\"event\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"fields\":{\"capacity\":99999999999}}", CERCLE_JSON_ERROR_OUT_OF_RANGE, "capacity" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) row = cercle_json_parse_object (cases[i].json, -1, CERCLE_JSON_MAX_DEPTH, &error);
      g_autoptr(CercleRecord) record = NULL;

      g_assert_no_error (error);
      record = cercle_codec_record_from_json (row, CERCLE_CODEC_STRICT, &error);
      g_assert_null (record);
      g_assert_error (error, CERCLE_JSON_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].named) == NULL)
        g_error ("“%s” does not name “%s”", error->message, cases[i].named);
    }
}

static void
test_record_lenient (void)
{
  const char *json = "{\"entity\":\"member\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\","
                     "\"fields\":{\"city\":\"Lyon\",\"future_field\":[1,2]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = cercle_json_parse_object (json, -1, CERCLE_JSON_MAX_DEPTH, &error);
  g_autoptr(CercleRecord) record = NULL;

  g_assert_no_error (error);
  record = cercle_codec_record_from_json (row, CERCLE_CODEC_IGNORE_UNKNOWN_FIELDS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_member_get_city (CERCLE_MEMBER (record)), ==, "Lyon");
}

static void
test_parse_hostile (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  static const char nul_inside[] = "{\"a\":\"x\0y\"}";
  static const char bad_utf8[] = "{\"a\":\"\xff\xfe\"}";
  struct {
    const char *data;
    gssize      length;
    int         code;
  } cases[] = {
    { "", 0, CERCLE_JSON_ERROR_MALFORMED },
    { "{\"a\":", -1, CERCLE_JSON_ERROR_MALFORMED },
    { nul_inside, sizeof nul_inside - 1, CERCLE_JSON_ERROR_MALFORMED },
    { bad_utf8, -1, CERCLE_JSON_ERROR_MALFORMED },
    { "[1,2]", -1, CERCLE_JSON_ERROR_WRONG_TYPE },
    /* A second value after the first, which json-glib 1.6 accepts (and
     * leaks) when the first is not a container */
    { "9{\"a\":{\"b\":1}}", -1, CERCLE_JSON_ERROR_MALFORMED },
    { "\"a\"{\"b\":1}", -1, CERCLE_JSON_ERROR_MALFORMED },
    { "true [1]", -1, CERCLE_JSON_ERROR_MALFORMED },
    { "{\"a\":1} {\"b\":2}", -1, CERCLE_JSON_ERROR_MALFORMED },
    { NULL, -1, CERCLE_JSON_ERROR_TOO_DEEP },
  };

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  cases[G_N_ELEMENTS (cases) - 1].data = deep->str;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = cercle_json_parse_object (cases[i].data, cases[i].length,
                                                               CERCLE_JSON_MAX_DEPTH, &error);

      g_assert_null (object);
      g_assert_error (error, CERCLE_JSON_ERROR, cases[i].code);
    }

  /* Scalars alone, and space around a document, are still JSON */
  {
    static const char * const fine[] = { "42", " \"Lyon\" ", "null", "-1.5e3\n", "\t{\"a\":[1, {\"b\":\"}\"}]}\r\n" };

    for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) node = cercle_json_parse (fine[i], -1, CERCLE_JSON_MAX_DEPTH, &error);

        g_assert_no_error (error);
        g_assert_nonnull (node);
      }
  }

  /* Brackets inside strings are text, not nesting */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) object = cercle_json_parse_object ("{\"a\":\"[[[[[[\\\"[[[[\"}", -1, 2, &error);

    g_assert_no_error (error);
    g_assert_nonnull (object);
  }
}

static void
test_mutation_round_trip (void)
{
  g_autoptr(CercleMutation) mutation = NULL;
  g_autoptr(CercleMutation) back = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GValue) old_city = G_VALUE_INIT;
  g_auto(GValue) new_city = G_VALUE_INIT;
  g_auto(GValue) status = G_VALUE_INIT;
  CercleRecordClass *klass = g_type_class_ref (CERCLE_TYPE_MEMBER);
  int city = cercle_record_class_find_field (klass, "city");
  int status_field = cercle_record_class_find_field (klass, "status");

  g_assert_cmpint (city, >=, 0);
  g_assert_cmpint (status_field, >=, 0);

  g_value_init (&old_city, G_TYPE_STRING);
  g_value_set_string (&old_city, "Lyon");
  g_value_init (&new_city, G_TYPE_STRING);
  g_value_set_string (&new_city, "Villeurbanne");
  g_value_init (&status, CERCLE_TYPE_MEMBER_STATUS);
  g_value_set_enum (&status, CERCLE_MEMBER_STATUS_ALUMNI);

  mutation = cercle_mutation_new (CERCLE_ENTITY_MEMBER, "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
                                  CERCLE_MUTATION_UPDATE, 42);
  mutation->mutation_no = 17;
  cercle_mutation_add_change (mutation, (guint)city, &old_city, &new_city);
  cercle_mutation_add_change (mutation, (guint)status_field, NULL, &status);

  object = cercle_mutation_to_json (mutation);
  text = cercle_json_object_to_string (object);

  /* The wire format of DESIGN.md, to the letter */
  g_assert_nonnull (strstr (text, "\"mutation_no\":17"));
  g_assert_nonnull (strstr (text, "\"entity\":\"member\""));
  g_assert_nonnull (strstr (text, "\"row_id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\""));
  g_assert_nonnull (strstr (text, "\"op\":\"update\""));
  g_assert_nonnull (strstr (text, "\"base_rev\":42"));
  g_assert_nonnull (strstr (text, "\"city\":{\"old\":\"Lyon\",\"new\":\"Villeurbanne\"}"));
  g_assert_nonnull (strstr (text, "\"status\":{\"new\":\"alumni\"}"));

  parsed = cercle_json_parse_object (text, -1, CERCLE_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  back = cercle_mutation_from_json (parsed, &error);
  g_assert_no_error (error);

  g_assert_cmpint (back->mutation_no, ==, 17);
  g_assert_cmpint (back->entity, ==, CERCLE_ENTITY_MEMBER);
  g_assert_cmpint (back->op, ==, CERCLE_MUTATION_UPDATE);
  g_assert_cmpint (back->base_rev, ==, 42);
  g_assert_cmpuint (cercle_mutation_get_n_changes (back), ==, 2);
  g_assert_true (cercle_mutation_find_change (back, (guint)city)->has_old);
  g_assert_cmpstr (g_value_get_string (&cercle_mutation_find_change (back, (guint)city)->new_value), ==, "Villeurbanne");
  g_assert_false (cercle_mutation_find_change (back, (guint)status_field)->has_old);

  /* Applied to a record, it leaves the new values */
  {
    g_autoptr(CercleMember) member = g_object_new (CERCLE_TYPE_MEMBER,
                                                   "id", "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
                                                   "city", "Lyon", NULL);

    cercle_mutation_apply (back, CERCLE_RECORD (member));
    g_assert_cmpstr (cercle_member_get_city (member), ==, "Villeurbanne");
    g_assert_cmpint (cercle_member_get_status (member), ==, CERCLE_MEMBER_STATUS_ALUMNI);
  }

  g_type_class_unref (klass);
}

static void
test_mutation_rejects (void)
{
  static const struct {
    const char *json;
    const char *named;
  } cases[] = {
    { "{\"entity\":\"member\",\"row_id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"op\":\"update\"}", "mutation_no" },
    { "{\"mutation_no\":0,\"entity\":\"member\",\"row_id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"op\":\"update\"}", "mutation_no" },
    { "{\"mutation_no\":1,\"entity\":\"member\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"op\":\"update\"}", "row_id" },
    { "{\"mutation_no\":1,\"entity\":\"member\",\"row_id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"op\":\"create\"}", "create" },
    { "{\"mutation_no\":1,\"entity\":\"member\",\"row_id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"op\":\"update\",\"changes\":{\"city\":\"Lyon\"}}", "city" },
    { "{\"mutation_no\":1,\"entity\":\"member\",\"row_id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"op\":\"update\",\"changes\":{\"city\":{\"old\":\"Lyon\"}}}", "city" },
    { "{\"mutation_no\":1,\"entity\":\"member\",\"row_id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"op\":\"update\",\"changes\":{\"city\":{\"old\":1,\"new\":\"Lyon\"}}}", "city" },
    { "{\"mutation_no\":1,\"entity\":\"member\",\"row_id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"op\":\"update\",\"changes\":{\"rev\":{\"new\":99}}}", "rev" },
    { "{\"mutation_no\":1,\"entity\":\"member\",\"row_id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"op\":\"update\",\"base_rev\":\"3\"}", "base_rev" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = cercle_json_parse_object (cases[i].json, -1, CERCLE_JSON_MAX_DEPTH, &error);
      g_autoptr(CercleMutation) mutation = NULL;

      g_assert_no_error (error);
      mutation = cercle_mutation_from_json (object, &error);
      g_assert_null (mutation);
      g_assert_nonnull (error);
      g_assert_true (error->domain == CERCLE_JSON_ERROR);
      if (strstr (error->message, cases[i].named) == NULL)
        g_error ("“%s” does not name “%s”", error->message, cases[i].named);
    }
}

static void
test_text_limit (void)
{
  g_autoptr(GString) json = g_string_new ("{\"entity\":\"member\",\"id\":\"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\",\"fields\":{\"bio\":\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(CercleRecord) record = NULL;

  for (guint i = 0; i <= CERCLE_CODEC_MAX_TEXT_BYTES; i++)
    g_string_append_c (json, 'a');
  g_string_append (json, "\"}}");

  row = cercle_json_parse_object (json->str, (gssize)json->len, CERCLE_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  record = cercle_codec_record_from_json (row, CERCLE_CODEC_STRICT, &error);
  g_assert_null (record);
  g_assert_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_OUT_OF_RANGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/codec/entity-names", test_entity_names);
  g_test_add_func ("/cercle/codec/record-round-trip", test_record_round_trip);
  g_test_add_func ("/cercle/codec/record-writer", test_record_writer);
  g_test_add_func ("/cercle/codec/record-rejects", test_record_rejects);
  g_test_add_func ("/cercle/codec/record-lenient", test_record_lenient);
  g_test_add_func ("/cercle/codec/parse-hostile", test_parse_hostile);
  g_test_add_func ("/cercle/codec/mutation-round-trip", test_mutation_round_trip);
  g_test_add_func ("/cercle/codec/mutation-rejects", test_mutation_rejects);
  g_test_add_func ("/cercle/codec/text-limit", test_text_limit);

  return g_test_run ();
}
