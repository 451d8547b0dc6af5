/* test-store-search.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Finding members: matching, ranking, relevance, the async search and
 * crafted row numbers */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "test-store.h"

void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(CercleMember) helene = make_member ("Hélène", "de La Fontaine", "Fontaine Conseil");
  g_autoptr(CercleMember) jean = make_member ("Jean-Baptiste", "Müller", "Boulangerie Müller");
  g_autoptr(CercleMember) francois = make_member ("François", "Lefèvre", "Lefèvre Électricité");
  g_autoptr(CercleMember) gone = make_member ("Hélèna", "Partie", NULL);
  g_autoptr(GError) error = NULL;
  CercleRecord *records[] = { CERCLE_RECORD (helene), CERCLE_RECORD (jean),
                              CERCLE_RECORD (francois), CERCLE_RECORD (gone) };
  g_auto(GStrv) names = NULL;

  g_object_set (francois, "sector", "Bâtiment", "city", "Saint-Étienne",
                "offers", "Installation électrique, bornes de recharge", NULL);
  g_assert_true (cercle_store_save_all (fixture->store, records, G_N_ELEMENTS (records),
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  g_assert_true (cercle_store_delete (fixture->store, CERCLE_RECORD (gone), &error));

#define ASSERT_FINDS(query, ...) G_STMT_START { \
    const char *expected[] = { __VA_ARGS__, NULL }; \
    g_auto(GStrv) found = search_names (fixture->store, query); \
    g_assert_cmpstrv (found, expected); \
  } G_STMT_END

  ASSERT_FINDS ("helene", "de La Fontaine");
  ASSERT_FINDS ("HÉL", "de La Fontaine");
  ASSERT_FINDS ("hél", "de La Fontaine");
  ASSERT_FINDS ("  Helene   FONTAINE ", "de La Fontaine");
  ASSERT_FINDS ("fontaine", "de La Fontaine");
  ASSERT_FINDS ("jean-b", "Müller");
  ASSERT_FINDS ("muller", "Müller");
  ASSERT_FINDS ("francois", "Lefèvre");
  ASSERT_FINDS ("electr", "Lefèvre");
  ASSERT_FINDS ("saint-etienne", "Lefèvre");
  ASSERT_FINDS ("batiment", "Lefèvre");
  ASSERT_FINDS ("bornes rech", "Lefèvre");

  /* FTS5 syntax typed by a user is text, not a query. */
  names = search_names (fixture->store, "\"hel* OR NEAR(");
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_clear_pointer (&names, g_strfreev);
  names = search_names (fixture->store, "zzz");
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_clear_pointer (&names, g_strfreev);

  /* An empty query lists everyone in name order, accents aside. */
  ASSERT_FINDS ("", "de La Fontaine", "Lefèvre", "Müller");
  ASSERT_FINDS ("  -  ", "de La Fontaine", "Lefèvre", "Müller");

  /* Edits reach the index. */
  g_object_set (jean, "last-name", "Dupont", NULL);
  save_or_die (fixture->store, jean);
  ASSERT_FINDS ("muller", "Dupont");
  ASSERT_FINDS ("dupo", "Dupont");
  ASSERT_FINDS ("", "de La Fontaine", "Dupont", "Lefèvre");
  g_object_set (jean, "company", "Dupont & Fils", NULL);
  save_or_die (fixture->store, jean);
  ASSERT_FINDS ("muller", NULL);

#undef ASSERT_FINDS
}

void
test_search_ranking (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(CercleMember) in_city = make_member ("Anne", "Aubert", "Aubert Transports");
  g_autoptr(CercleMember) in_company = make_member ("Paul", "Blanc", "Lyonnaise des Eaux");
  g_autoptr(CercleMember) in_name = make_member ("Lyonel", "Zeller", NULL);
  g_autoptr(CercleMember) twice = make_member ("Hugo", "Marchand", NULL);
  g_autoptr(CercleMember) twice_again = NULL;
  g_autoptr(GError) error = NULL;
  CercleRecord *records[5];

  g_object_set (in_city, "city", "Lyon", NULL);

  /* The same member twice in one batch: the index ends with its last words only. */
  twice_again = g_object_new (CERCLE_TYPE_MEMBER,
                              "id", cercle_record_get_id (CERCLE_RECORD (twice)),
                              "first-name", "Hugo", "last-name", "Lyonnet", NULL);
  records[0] = CERCLE_RECORD (in_city);
  records[1] = CERCLE_RECORD (in_company);
  records[2] = CERCLE_RECORD (twice);
  records[3] = CERCLE_RECORD (in_name);
  records[4] = CERCLE_RECORD (twice_again);
  g_assert_true (cercle_store_save_all (fixture->store, records, G_N_ELEMENTS (records),
                                        CERCLE_SAVE_LOCAL_EDIT, &error));
  g_assert_no_error (error);

  {
    const char *expected[] = { "Lyonnet", "Zeller", "Blanc", "Aubert", NULL };
    g_auto(GStrv) found = search_names (fixture->store, "lyon");

    g_assert_cmpstrv (found, expected);
  }
  {
    g_auto(GStrv) found = search_names (fixture->store, "marchand");

    g_assert_cmpuint (g_strv_length (found), ==, 0);
  }

  /* And a later edit takes its words out again. */
  g_object_set (twice_again, "last-name", "Marchand", NULL);
  save_or_die (fixture->store, twice_again);
  {
    const char *expected[] = { "Marchand", NULL };
    g_auto(GStrv) found = search_names (fixture->store, "hugo");

    g_assert_cmpstrv (found, expected);
  }

  /* The index agrees with the rows, word for word. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO member_fts (member_fts, rank)"
                                       " VALUES ('integrity-check', 1)",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
}

static CercleMember *
make_pro (const char *first_name,
          const char *last_name,
          const char *company,
          const char *job_title,
          const char *sector,
          const char *city,
          const char *offers,
          const char *needs)
{
  return g_object_new (CERCLE_TYPE_MEMBER,
                       "first-name", first_name, "last-name", last_name,
                       "company", company, "job-title", job_title,
                       "sector", sector, "city", city,
                       "offers", offers, "needs", needs,
                       NULL);
}

static GStrv
query_names (CercleStore             *store,
             const CercleMemberQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = cercle_store_query_member_rows (store, query, NULL, &error);
  g_autoptr(CercleRecordList) list = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_assert_no_error (error);
  list = cercle_record_list_new (store, CERCLE_TYPE_MEMBER, rows);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CercleMember) member = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_strv_builder_add (names, cercle_member_get_last_name (member));
    }

  return g_strv_builder_end (names);
}

/* A small club with the trades French queries look for: names first, then
 * company, job and sector, city, what members offer, and last what they
 * look for; French word forms find each other outside names. */
void
test_search_relevance (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (members, make_pro ("Bruno", "Périer", "Plomberie Périer", "Plombier chauffagiste",
                                      "Artisanat", "Villeurbanne",
                                      "Dépannage plomberie et chauffage sous 24 h",
                                      "Syndics et gestionnaires d'immeubles"));
  g_ptr_array_add (members, make_pro ("Claire", "Morel", "Cabinet Morel Expertise", "Experte-comptable",
                                      "Expertise comptable", "Lyon",
                                      "Tenue comptable et bilans", "Créateurs d'entreprise"));
  g_ptr_array_add (members, make_pro ("Paul", "Girard", "Girard Conseil", "Consultant",
                                      "Conseil", "Lyon", "Accompagnement stratégique des dirigeants",
                                      "Experts-comptables pour des missions communes"));
  g_ptr_array_add (members, make_pro ("Sophie", "Leroy", "Cabinet Leroy Avocats", "Avocate associée",
                                      "Juridique", "Lyon", "Droit des sociétés",
                                      "Experts-comptables partenaires"));
  g_ptr_array_add (members, make_pro ("Anne", "Dupont", "Boulangerie Dupont", "Boulangère",
                                      "Artisanat", "Écully",
                                      "Viennoiseries pour petits-déjeuners d'entreprise",
                                      "Apprentis boulangers"));
  g_ptr_array_add (members, make_pro ("Jean", "Boulanger", "Octet Numérique", "Développeur web",
                                      "Numérique", "Lyon", "Création de sites web", "Commerçants"));
  g_ptr_array_add (members, make_pro ("Luc", "Martin", "Rhône Courtage", "Courtier en assurances",
                                      "Finance & assurance", "Lyon", "Assurance des entreprises",
                                      "Boulangeries et commerces de bouche"));
  g_ptr_array_add (members, make_pro ("Zoé", "Arnaud", "Arnaud Immobilier", "Agente immobilière",
                                      "Immobilier", "Bron", "Locaux commerciaux",
                                      "Dépannages urgents, chauffagistes et plombiers fiables"));
  g_object_set (members->pdata[6], "status", CERCLE_MEMBER_STATUS_CANDIDATE, "joined-on", NULL, NULL);
  g_object_set (members->pdata[1], "role", CERCLE_MEMBER_ROLE_STAFF, "joined-on", "2024-01-10", NULL);
  g_object_set (members->pdata[0], "joined-on", "2026-03-01", NULL);
  g_object_set (members->pdata[7], "joined-on", "2019-05-20", NULL);

  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)members->pdata, members->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);

#define ASSERT_QUERY(q, ...) G_STMT_START { \
    const char *expected[] = { __VA_ARGS__, NULL }; \
    g_auto(GStrv) found = query_names (fixture->store, q); \
    g_assert_cmpstrv (found, expected); \
  } G_STMT_END
#define ASSERT_FINDS(text, ...) G_STMT_START { \
    g_autoptr(CercleMemberQuery) query = cercle_member_query_new (text); \
    ASSERT_QUERY (query, __VA_ARGS__); \
  } G_STMT_END

  /* Word forms: plural, feminine and derived forms find each other */
  ASSERT_FINDS ("plombier", "Périer", "Arnaud");
  ASSERT_FINDS ("plomberie", "Périer");
  ASSERT_FINDS ("avocate", "Leroy");
  ASSERT_FINDS ("avocats", "Leroy");
  /* Accountants before those who look for one */
  ASSERT_FINDS ("comptable", "Morel", "Girard", "Leroy");
  ASSERT_FINDS ("comptables", "Morel", "Girard", "Leroy");
  ASSERT_FINDS ("expert-comptable", "Morel", "Girard", "Leroy");
  /* A name first, then the bakery, then who needs one */
  ASSERT_FINDS ("boulanger", "Boulanger", "Dupont", "Martin");
  /* Names are not stemmed: "boulangers" is not Mr Boulanger */
  ASSERT_FINDS ("boulangers", "Dupont", "Martin");
  /* Who offers it before who looks for it, whatever their names */
  ASSERT_FINDS ("depannage", "Périer", "Arnaud");
  /* A typing mistake at the end of a word: a shorter prefix is tried */
  ASSERT_FINDS ("periet", "Périer");
  ASSERT_FINDS ("xyzzy", NULL);

  /* Filters, with and without words */
  {
    g_autoptr(CercleMemberQuery) query = cercle_member_query_new (NULL);

    query->sector = g_strdup ("Artisanat");
    ASSERT_QUERY (query, "Dupont", "Périer");
    g_free (query->text);
    query->text = g_strdup ("boulanger");
    ASSERT_QUERY (query, "Dupont");
    g_clear_pointer (&query->sector, g_free);
    g_clear_pointer (&query->text, g_free);

    query->city = g_strdup ("Lyon");
    query->status = CERCLE_MEMBER_STATUS_ACTIVE;
    ASSERT_QUERY (query, "Boulanger", "Girard", "Leroy", "Morel");
    query->role = CERCLE_MEMBER_ROLE_STAFF;
    ASSERT_QUERY (query, "Morel");
    g_clear_pointer (&query->city, g_free);
    query->role = -1;
    query->status = CERCLE_MEMBER_STATUS_CANDIDATE;
    ASSERT_QUERY (query, "Martin");
    query->status = -1;

    /* A sector nobody has finds nobody */
    query->sector = g_strdup ("Aérospatiale");
    ASSERT_QUERY (query, NULL);
    g_clear_pointer (&query->sector, g_free);

    /* Orders: by company, accents and case aside; by join date, newest first */
    query->sort = CERCLE_MEMBER_SORT_COMPANY;
    ASSERT_QUERY (query, "Arnaud", "Dupont", "Leroy", "Morel", "Girard", "Boulanger", "Périer", "Martin");
    query->sort = CERCLE_MEMBER_SORT_JOINED;
    ASSERT_QUERY (query, "Périer", "Morel", "Arnaud", "Boulanger", "Dupont", "Girard", "Leroy", "Martin");
    query->text = g_strdup ("comptable");
    ASSERT_QUERY (query, "Morel", "Girard", "Leroy");
  }

  /* What a row shows: the field that decided, and the words that matched */
  {
    g_autoptr(CercleSearchTerms) terms = cercle_search_terms_new ("comptable");
    g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (CercleSearchRange));
    const char *needs = "Experts-comptables pour des missions communes";
    CercleSearchRange *range;

    g_assert_cmpint (cercle_search_terms_best_field (terms, members->pdata[1]), ==, CERCLE_SEARCH_FIELD_JOB);
    g_assert_cmpint (cercle_search_terms_best_field (terms, members->pdata[2]), ==, CERCLE_SEARCH_FIELD_NEEDS);
    g_assert_cmpint (cercle_search_terms_best_field (terms, members->pdata[0]), ==, CERCLE_SEARCH_FIELD_NONE);
    g_assert_true (cercle_search_terms_find (terms, needs, CERCLE_SEARCH_FIELD_NEEDS, ranges));
    g_assert_cmpuint (ranges->len, ==, 1);
    range = &g_array_index (ranges, CercleSearchRange, 0);
    g_assert_cmpuint (range->start, ==, 8);
    g_assert_cmpuint (range->end, ==, 18);
  }
  {
    g_autoptr(CercleSearchTerms) terms = cercle_search_terms_new ("hél dép");
    g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (CercleSearchRange));

    g_assert_true (cercle_search_terms_find (terms, "Dépannage plomberie", CERCLE_SEARCH_FIELD_OFFERS, ranges));
    g_assert_cmpuint (ranges->len, ==, 1);
    g_assert_cmpuint (g_array_index (ranges, CercleSearchRange, 0).end, ==, strlen ("Dépannage"));
    g_assert_cmpint (cercle_search_terms_best_field (terms, members->pdata[0]), ==, CERCLE_SEARCH_FIELD_NONE);
  }
  g_assert_null (cercle_search_terms_new (" - ; "));

#undef ASSERT_FINDS
#undef ASSERT_QUERY
}

typedef struct
{
  GMainLoop  *loop;
  GListModel *results;
  GError     *error;
} SearchResult;

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SearchResult *search = user_data;

  search->results = cercle_store_search_members_finish (CERCLE_STORE (object), result, &search->error);
  g_main_loop_quit (search->loop);
}

void
test_search_async (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CercleMember) first = NULL;
  g_autoptr(GError) error = NULL;
  SearchResult cancelled = { loop, NULL, NULL };
  SearchResult search = { loop, NULL, NULL };

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *last_name = g_strdup_printf ("Martin %03u", i);

      g_ptr_array_add (members, make_member (i == 7 ? "Hélène" : "Paul", last_name, NULL));
    }
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)members->pdata, members->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));

  /* A newer keystroke cancels the older query. */
  cercle_store_search_members_async (fixture->store, "pa", cancellable, on_search_done_cb, &cancelled);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (loop);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.results);
  g_clear_error (&cancelled.error);

  cercle_store_search_members_async (fixture->store, "HELE", NULL, on_search_done_cb, &search);
  g_main_loop_run (loop);
  g_assert_no_error (search.error);
  g_assert_cmpuint (g_list_model_get_n_items (search.results), ==, 1);
  first = g_list_model_get_item (search.results, 0);
  g_assert_cmpstr (cercle_member_get_last_name (first), ==, "Martin 007");

  /* The list hands out one object per row, however often asked. */
  {
    g_autoptr(GObject) again = g_list_model_get_item (search.results, 0);

    g_assert_true (again == (GObject *)first);
    g_assert_null (g_list_model_get_item (search.results, 1));
  }

  g_clear_object (&search.results);
}

static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  fields = g_strsplit (statm, " ", -1);

  return (gsize)g_ascii_strtoull (fields[1], NULL, 10) * (gsize)sysconf (_SC_PAGESIZE);
}

/* The search keeps how well every member matched the words that match
 * many members, and moves those ranks along when members are written:
 * after an edit, an insertion and a deletion, every search still answers
 * as a search that kept nothing (a second store on the same file). */
void
test_search_kept_words (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const char * const first_names[] = { "Daniel", "Sandrine", "Corinne", "Denis" };
  static const char * const queries[] = {
    "d", "de", "sa", "co", "s", "de sa", "co l", "sa d", "deni", "coif", "zz",
  };
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CercleStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleMember) added = NULL;

  for (guint i = 0; i < 240; i++)
    {
      g_autofree char *last_name = g_strdup_printf ("Nom%03u", i);
      CercleMember *member = make_member (first_names[i % 4], last_name,
                                          i % 3 == 0 ? "Dupont Conseil" : "Salon Coiffure");

      g_object_set (member, "city", i % 2 ? "Lyon" : "Saint-Denis",
                    "offers", i % 5 ? "Conseil en développement" : "Coiffure à domicile",
                    "needs", "Expert-comptable", NULL);
      g_ptr_array_add (members, member);
    }
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)members->pdata, members->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);

#define ASSERT_SAME_AS_FRESH() G_STMT_START {     g_clear_object (&fresh);     fresh = cercle_store_open (fixture->path, &error);     g_assert_no_error (error);     for (guint q = 0; q < G_N_ELEMENTS (queries); q++)       {         g_auto(GStrv) kept = search_names (fixture->store, queries[q]);         g_auto(GStrv) searched = search_names (fresh, queries[q]);                 g_test_message ("“%s”: %u members", queries[q], g_strv_length (kept));         g_assert_cmpstrv (kept, searched);       }   } G_STMT_END

  /* Every word searched once, so that the common ones are kept */
  ASSERT_SAME_AS_FRESH ();

  /* An edit that moves a member in name order and changes what matched */
  g_object_set (members->pdata[5], "last-name", "Aaron", "first-name", "Corentin",
                "company", "Salon Denis", "city", "Annecy", NULL);
  save_or_die (fixture->store, members->pdata[5]);
  ASSERT_SAME_AS_FRESH ();

  /* A new member, and a member gone */
  added = make_member ("Sabine", "Delorme", "Delorme Coiffure");
  save_or_die (fixture->store, added);
  g_assert_true (cercle_store_delete (fixture->store, members->pdata[8], &error));
  g_assert_no_error (error);
  ASSERT_SAME_AS_FRESH ();

  /* A word no longer matched where it was */
  g_object_set (members->pdata[0], "first-name", "Zoé", "company", NULL, "city", NULL,
                "offers", NULL, "needs", NULL, NULL);
  save_or_die (fixture->store, members->pdata[0]);
  ASSERT_SAME_AS_FRESH ();

#undef ASSERT_SAME_AS_FRESH
}

/* Row numbers come from a file anyone may craft: huge, negative or sparse
 * ones must neither crash the search, corrupt memory (this test also runs
 * under valgrind) nor make it allocate for rows that do not exist. */
void
test_crafted_row_numbers (Fixture       *fixture,
                          gconstpointer  user_data)
{
  static const gint64 rows[] = {
    G_GINT64_CONSTANT (4294967295), -3, 100000000, G_MAXINT64, G_MININT64, 7,
  };
  static const char * const names[] = { "Ultime", "Négatif", "Centmillions", "Maximal", "Minimal", "Sept" };
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gsize before;

  g_assert_finalize_object (g_steal_pointer (&fixture->store));

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO member (pk, id, first_name, last_name, sort_key)"
                                              " VALUES (%" G_GINT64_FORMAT ", '%08x-0000-4000-8000-000000000000',"
                                              " 'Hélène', '%s', lower ('%s'))",
                                              rows[i], i + 1, names[i], names[i]);

      exec_or_die (db, sql);
    }
  exec_or_die (db, "INSERT INTO member_fts (member_fts) VALUES ('rebuild')");
  sqlite3_close (db);

  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);

  before = resident_bytes ();

  {
    const char *expected[] = { "Centmillions", "Maximal", "Minimal", "Négatif", "Sept", "Ultime", NULL };
    g_auto(GStrv) found = search_names (fixture->store, "");

    g_assert_cmpstrv (found, expected);
  }
  {
    const char *expected[] = { "Centmillions", "Maximal", "Minimal", "Négatif", "Sept", "Ultime", NULL };
    g_auto(GStrv) found = search_names (fixture->store, "helene");

    g_assert_cmpstrv (found, expected);
  }
  {
    const char *expected[] = { "Négatif", NULL };
    g_auto(GStrv) found = search_names (fixture->store, "negatif");

    g_assert_cmpstrv (found, expected);
  }

  /* Six members cost kilobytes, not the 400 MB a table indexed by row
   * number up to 10^8 would take */
  g_assert_cmpuint (resident_bytes () - MIN (before, resident_bytes ()), <, 32 * 1024 * 1024);
}
