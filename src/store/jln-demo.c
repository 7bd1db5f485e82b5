/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <string.h>

#include <glib/gi18n.h>

#include "jln-demo.h"
#include "core/jln-badge-art.h"
#include "jln-store-private.h"

/* Nobody builds the demo programme: its own writes are journalled as
 * "system"; the awards it makes up name the coach of the story by id. */
#define DEMO_ACTOR NULL

/* Everything random here comes from one seeded splitmix64 stream, never
 * from g_random: the same options must give the same programme on every
 * machine and every GLib. */

typedef struct {
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform in [0, n). The modulo bias is negligible for our small n. */
static guint
rng_below (Rng   *rng,
           guint  n)
{
  return n == 0 ? 0 : (guint) (rng_next (rng) % n);
}

static gboolean
rng_chance (Rng   *rng,
            guint  percent)
{
  return rng_below (rng, 100) < percent;
}

static void
rng_shuffle (Rng   *rng,
             guint *items,
             guint  n)
{
  for (guint i = n; i > 1; i--)
    {
      guint j = rng_below (rng, i);
      guint tmp = items[i - 1];

      items[i - 1] = items[j];
      items[j] = tmp;
    }
}

/* ------------------------------------------------------------------ */
/* content                                                            */

static const char * const territory_names[] = {
  "Lille Sud", "Roubaix", "Tourcoing", "Valenciennes", "Lens", "Arras",
  "Douai", "Calais", "Dunkerque", "Maubeuge", "Béthune", "Amiens Nord",
};

static const char * const coach_names[] = {
  "Nathalie Lefebvre", "Karim Benali", "Sophie Dufour", "Julien Lemaire",
  "Samia Haddad", "Thomas Vasseur", "Claire Delattre", "Mamadou Diallo",
  "Isabelle Caron", "Rachid Meziane",
};

static const char * const first_names[] = {
  "Amina", "Kevin", "Mohamed", "Laura", "Sofiane", "Émilie", "Yanis",
  "Fatoumata", "Dylan", "Inès", "Jordan", "Sarah", "Bilal", "Manon",
  "Moussa", "Chloé", "Anthony", "Yasmine", "Mathéo", "Aïcha", "Jessica",
  "Karim", "Océane", "Lucas", "Nadia", "Steven", "Hawa", "Mélissa",
  "Rayan", "Justine", "Ibrahim", "Célia", "Loïc", "Samira", "Quentin",
  "Khadija", "Jérémy", "Leïla", "Mehdi", "Aurélie", "Ousmane", "Élodie",
  "Nabil", "Cindy", "Adama", "Morgane", "Enzo", "Naïma",
};

static const char * const last_names[] = {
  "Kaci", "Martin", "Benali", "Dubois", "Lefebvre", "Traoré", "Leroy",
  "Mansouri", "Petit", "Diop", "Lemaire", "Haddad", "Delattre", "Camara",
  "Vasseur", "Boukhari", "Dufour", "Ndiaye", "Lecomte", "Bensaïd",
  "Carpentier", "Koné", "Deschamps", "Hamdi", "Wattel", "Cissé", "Lambert",
  "Zeroual", "Dumont", "Sow", "Descamps", "Amrani", "Lebrun", "Keita",
  "Vanhove", "Rahmani", "Dupont", "Baldé", "Lefèvre", "Saïdi",
};

static const char * const evidence_notes[] = {
  "Observé en atelier collectif.",
  "Fait seul, en rendez-vous individuel.",
  "Raconté et montré avec des documents.",
  "Vu lors d’une mise en situation.",
};

static const char * const revoke_reasons[] = {
  "Attribué par erreur au mauvais participant.",
  "Critère noté par erreur : à refaire ensemble.",
};

typedef struct {
  const char *slug;
  const char *name;
  const char *easy_text;
  const char *description;
  const char *theme;
  JlnBadgeKind kind;
  const char *pictogram;
  const char *label;
  const char *criteria[5];      /* NULL-terminated; the first ones are required */
  guint n_required;
  gboolean revised;             /* gets a version 2 */
} DemoBadge;

typedef struct {
  const char *theme;
  JlnBadgeShape shape;
  const char *primary;
  const char *secondary;
} ThemeStyle;

/* One look per theme, so a badge's family shows at a glance. */
static const ThemeStyle theme_styles[] = {
  { "Santé", JLN_BADGE_SHAPE_ROUND, "#A3372A", "#FFFFFF" },
  { "Logement", JLN_BADGE_SHAPE_SHIELD, "#24704A", "#FFFFFF" },
  { "Mobilité", JLN_BADGE_SHAPE_HEXAGON, "#1D3B8B", "#FFFFFF" },
  { "Démarches", JLN_BADGE_SHAPE_SQUARE, "#6E2F6B", "#FFFFFF" },
  { "Budget", JLN_BADGE_SHAPE_RIBBON, "#F4B400", "#2E3436" },
  { "Numérique", JLN_BADGE_SHAPE_HEXAGON, "#0E7C7B", "#FFFFFF" },
  { "Savoir-être", JLN_BADGE_SHAPE_STAR, "#F4846F", "#2E3436" },
  { "Communication", JLN_BADGE_SHAPE_ROUND, "#8CC8F2", "#2E3436" },
  { "Emploi", JLN_BADGE_SHAPE_SHIELD, "#2E3436", "#F4B400" },
};

static const DemoBadge demo_badges[] = {
  { "sante-prendre-rdv", "Prendre un rendez-vous médical",
    "Je sais prendre un rendez-vous chez le médecin.",
    "La personne trouve un médecin, prend rendez-vous par téléphone ou en ligne, et s’y rend avec sa carte Vitale.",
    "Santé", JLN_BADGE_KIND_SAVOIR_FAIRE, "stethoscope", "Santé",
    { "Trouver un médecin près de chez soi", "Prendre le rendez-vous", "Venir au rendez-vous avec sa carte Vitale", NULL }, 2, TRUE },
  { "logement-dossier", "Constituer un dossier logement",
    "Je sais préparer mon dossier pour un logement.",
    "La personne rassemble les pièces demandées (identité, ressources, avis d’imposition) et remplit la demande de logement social.",
    "Logement", JLN_BADGE_KIND_SAVOIR_FAIRE, "house", "Logement",
    { "Lister les pièces à fournir", "Rassembler les pièces", "Remplir la demande", "Garder une copie du dossier", NULL }, 3, TRUE },
  { "mobilite-transports", "Se déplacer en transports en commun",
    "Je sais prendre le bus ou le tram seul.",
    "La personne prépare son trajet, achète un titre de transport et se rend seule à un rendez-vous.",
    "Mobilité", JLN_BADGE_KIND_SAVOIR_FAIRE, "bus", "Transports",
    { "Trouver son trajet sur un plan ou une application", "Acheter un titre de transport", "Arriver seul au bon endroit", NULL }, 3, TRUE },
  { "mobilite-code", "Préparer le code de la route",
    "Je révise le code de la route.",
    "La personne s’inscrit à une préparation au code, suit les séances et passe des tests blancs.",
    "Mobilité", JLN_BADGE_KIND_SAVOIR, "car", "Code",
    { "S’inscrire à la préparation", "Suivre au moins cinq séances", "Réussir un test blanc", NULL }, 2, FALSE },
  { "demarches-droits", "Ouvrir ses droits",
    "Je sais demander les aides auxquelles j’ai droit.",
    "La personne identifie les aides possibles (CAF, assurance maladie, France Travail) et fait les demandes avec l’aide du conseiller.",
    "Démarches", JLN_BADGE_KIND_SAVOIR, "id-card", "Droits",
    { "Connaître les organismes utiles", "Faire une demande d’aide", "Suivre la réponse", NULL }, 2, TRUE },
  { "demarches-courrier", "Gérer son courrier administratif",
    "Je lis mon courrier et je sais quoi faire.",
    "La personne ouvre son courrier, repère ce qui est urgent, classe les papiers et répond dans les délais.",
    "Démarches", JLN_BADGE_KIND_SAVOIR_FAIRE, "envelope", "Courrier",
    { "Repérer un courrier urgent", "Classer ses papiers", "Répondre dans les délais", NULL }, 2, FALSE },
  { "budget-tenir", "Tenir son budget",
    "Je sais ce que je gagne et ce que je dépense.",
    "La personne note ses ressources et ses dépenses du mois et prévoit les grosses factures.",
    "Budget", JLN_BADGE_KIND_SAVOIR_FAIRE, "wallet", "Budget",
    { "Noter ses ressources", "Noter ses dépenses du mois", "Prévoir une grosse dépense", NULL }, 2, TRUE },
  { "numerique-messagerie", "Utiliser une messagerie",
    "Je sais lire et envoyer un courriel.",
    "La personne a une adresse électronique, lit ses messages, répond et joint un document.",
    "Numérique", JLN_BADGE_KIND_SAVOIR_FAIRE, "at", "Messagerie",
    { "Se connecter à sa messagerie", "Envoyer un message", "Joindre un document", NULL }, 3, TRUE },
  { "numerique-demarche", "Faire une démarche en ligne",
    "Je sais faire une démarche sur internet.",
    "La personne se connecte à un site public, remplit un formulaire en ligne et enregistre le justificatif.",
    "Numérique", JLN_BADGE_KIND_SAVOIR_FAIRE, "computer", "En ligne",
    { "Se connecter avec ses identifiants", "Remplir le formulaire", "Enregistrer le justificatif", NULL }, 3, FALSE },
  { "savoir-etre-ponctuel", "Être ponctuel",
    "J’arrive à l’heure à mes rendez-vous.",
    "La personne arrive à l’heure, ou prévient quand elle a un empêchement, pendant au moins un mois.",
    "Savoir-être", JLN_BADGE_KIND_SAVOIR_ETRE, "clock", "Ponctualité",
    { "Arriver à l’heure pendant un mois", "Prévenir en cas de retard", NULL }, 2, TRUE },
  { "savoir-etre-equipe", "Travailler en équipe",
    "Je sais travailler avec les autres.",
    "La personne participe à une activité collective, écoute les autres et aide quand il le faut.",
    "Savoir-être", JLN_BADGE_KIND_SAVOIR_ETRE, "team", "Équipe",
    { "Participer à une activité collective", "Écouter les autres", "Proposer son aide", NULL }, 2, FALSE },
  { "communication-oral", "Se présenter à l’oral",
    "Je sais me présenter devant un groupe.",
    "La personne se présente en quelques phrases : son parcours, ce qu’elle sait faire et ce qu’elle cherche.",
    "Communication", JLN_BADGE_KIND_SAVOIR_FAIRE, "speech", "Oral",
    { "Préparer sa présentation", "Parler devant le groupe", NULL }, 2, TRUE },
  { "emploi-cv", "Rédiger son CV",
    "J’ai un CV clair et à jour.",
    "La personne écrit son CV avec ses expériences et ses compétences, et l’enregistre pour l’envoyer.",
    "Emploi", JLN_BADGE_KIND_SAVOIR_FAIRE, "cv", "CV",
    { "Lister ses expériences", "Mettre en page son CV", "Enregistrer le CV en PDF", NULL }, 2, TRUE },
  { "emploi-entretien", "Réussir un entretien",
    "Je sais me préparer à un entretien d’embauche.",
    "La personne prépare ses réponses, fait une simulation d’entretien et sait parler de ses qualités.",
    "Emploi", JLN_BADGE_KIND_SAVOIR_FAIRE, "briefcase", "Entretien",
    { "Préparer ses réponses", "Faire une simulation d’entretien", "Parler de ses qualités", NULL }, 2, FALSE },
  { "savoir-etre-confiance", "Prendre confiance en soi",
    "Je connais mes qualités et j’ose les dire.",
    "La personne nomme trois qualités, les illustre par des exemples et prend la parole en atelier.",
    "Savoir-être", JLN_BADGE_KIND_SAVOIR_ETRE, "growth", "Confiance",
    { "Nommer trois qualités", "Donner un exemple pour chacune", "Prendre la parole en atelier", NULL }, 1, FALSE },
};

#define N_BADGES G_N_ELEMENTS (demo_badges)
#define DAY_SECONDS 86400
#define HISTORY_DAYS 540  /* about 18 months */

static guint
n_revised_badges (void)
{
  guint n = 0;

  for (guint i = 0; i < N_BADGES; i++)
    n += demo_badges[i].revised ? 1 : 0;
  return n;
}

guint64
jln_demo_max_awards (guint n_participants)
{
  return (guint64) n_participants * (N_BADGES + n_revised_badges ());
}

static const ThemeStyle *
style_for_theme (const char *theme)
{
  for (guint i = 0; i < G_N_ELEMENTS (theme_styles); i++)
    if (g_str_equal (theme_styles[i].theme, theme))
      return &theme_styles[i];
  return &theme_styles[0];
}

/* A plain valid badge, in case the art module refuses the spec. */
static char *
fallback_svg (const ThemeStyle *style,
              const char       *label)
{
  g_autofree char *escaped = g_markup_escape_text (label, -1);

  return g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 256 256\">"
                          "<circle cx=\"128\" cy=\"128\" r=\"120\" fill=\"%s\" stroke=\"%s\" stroke-width=\"10\"/>"
                          "<text x=\"128\" y=\"140\" font-family=\"sans-serif\" font-size=\"28\" "
                          "text-anchor=\"middle\" fill=\"%s\">%s</text></svg>",
                          style->primary, style->secondary, style->secondary, escaped);
}

static char *
badge_art (const DemoBadge *demo)
{
  const ThemeStyle *style = style_for_theme (demo->theme);
  JlnBadgeArtSpec spec = {
    .shape = style->shape,
    .primary = style->primary,
    .secondary = style->secondary,
    .pictogram = demo->pictogram,
    .label = demo->label,
  };
  g_autoptr(GError) error = NULL;
  char *svg = jln_badge_art_render (&spec, &error);

  if (svg == NULL)
    {
      g_warning ("Demo badge “%s”: art not rendered (%s); using a plain badge",
                 demo->slug, error ? error->message : "no reason given");
      svg = fallback_svg (style, demo->label);
    }
  return svg;
}

/* ------------------------------------------------------------------ */
/* building                                                           */

typedef struct {
  gint64 when;          /* unix seconds */
  guint participant;    /* index */
  guint version;        /* index into the versions table */
} PlannedAward;

typedef struct {
  gint64 version_id;
  guint badge;          /* index into demo_badges */
  guint version;        /* 1 or 2 */
} DemoVersion;

static int
compare_planned (gconstpointer a,
                 gconstpointer b)
{
  const PlannedAward *pa = a;
  const PlannedAward *pb = b;

  if (pa->when != pb->when)
    return pa->when < pb->when ? -1 : 1;
  if (pa->participant != pb->participant)
    return pa->participant < pb->participant ? -1 : 1;
  return (pa->version > pb->version) - (pa->version < pb->version);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static char *
ascii_fold (const char *text)
{
  g_autofree char *folded = jln_fold_for_search (text);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static char *
rng_hex (Rng   *rng,
         guint  n_bytes)
{
  GString *hex = g_string_sized_new (n_bytes * 2);

  for (guint i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", (guint) (rng_next (rng) & 0xff));
  return g_string_free (hex, FALSE);
}

static char *
rng_urn (Rng *rng)
{
  guint64 hi = rng_next (rng);
  guint64 lo = rng_next (rng);

  /* Shaped like a version-4 UUID so it reads like the store's own ids. */
  hi = (hi & G_GUINT64_CONSTANT (0xFFFFFFFFFFFF0FFF)) | G_GUINT64_CONSTANT (0x0000000000004000);
  lo = (lo & G_GUINT64_CONSTANT (0x3FFFFFFFFFFFFFFF)) | G_GUINT64_CONSTANT (0x8000000000000000);
  return g_strdup_printf ("urn:uuid:%08x-%04x-%04x-%04x-%012" G_GINT64_MODIFIER "x",
                          (guint) (hi >> 32), (guint) ((hi >> 16) & 0xffff), (guint) (hi & 0xffff),
                          (guint) (lo >> 48), lo & G_GUINT64_CONSTANT (0xFFFFFFFFFFFF));
}

static gboolean
store_is_empty (JlnStore *store)
{
  return g_list_model_get_n_items (jln_store_get_participants (store)) == 0
         && g_list_model_get_n_items (jln_store_get_badges (store)) == 0
         && g_list_model_get_n_items (jln_store_get_territories (store)) == 0
         && g_list_model_get_n_items (jln_store_get_coaches (store)) == 0;
}

static gboolean
build (JlnStore             *store,
       const JlnDemoOptions *options,
       gint64                today,
       GError              **error)
{
  Rng rng = { G_GUINT64_CONSTANT (0x6A616C6F6E73) ^ ((guint64) options->seed << 17) ^ options->seed };
  gint64 territory_ids[G_N_ELEMENTS (territory_names)];
  gint64 coach_ids[G_N_ELEMENTS (coach_names)];
  DemoVersion versions[2 * N_BADGES];
  g_autofree gint64 *participant_ids = NULL;
  g_autofree gint64 *entry_days = NULL;
  g_autofree guint *participant_coach = NULL;
  g_autofree guint *targets = NULL;
  g_autoptr(GArray) planned = NULL;
  guint n_versions = 0;
  guint n = options->n_participants;
  guint64 weight_sum = 0;
  guint64 given = 0;

  for (guint i = 0; i < G_N_ELEMENTS (territory_names); i++)
    {
      g_autoptr(JlnTerritory) t = jln_territory_new (territory_names[i]);

      if (!jln_store_add_territory (store, t, DEMO_ACTOR, error))
        return FALSE;
      territory_ids[i] = jln_territory_get_id (t);
    }

  for (guint i = 0; i < G_N_ELEMENTS (coach_names); i++)
    {
      g_autoptr(JlnCoach) c = jln_coach_new (coach_names[i]);
      g_auto(GStrv) parts = g_strsplit (coach_names[i], " ", 2);
      g_autofree char *first = ascii_fold (parts[0]);
      g_autofree char *last = ascii_fold (parts[1]);
      g_autofree char *email = g_strdup_printf ("%s.%s@insertion-hdf.example", first, last);

      jln_coach_set_territory_id (c, territory_ids[i]);
      jln_coach_set_email (c, email);
      if (!jln_store_add_coach (store, c, DEMO_ACTOR, error))
        return FALSE;
      coach_ids[i] = jln_coach_get_id (c);
    }

  for (guint i = 0; i < N_BADGES; i++)
    {
      const DemoBadge *demo = &demo_badges[i];
      g_autoptr(JlnBadge) badge = jln_badge_new (demo->slug, demo->name);
      g_autofree char *svg = badge_art (demo);
      guint k;

      jln_badge_set_easy_text (badge, demo->easy_text);
      jln_badge_set_description (badge, demo->description);
      jln_badge_set_theme (badge, demo->theme);
      jln_badge_set_kind (badge, demo->kind);
      jln_badge_set_image_svg (badge, svg);
      jln_badge_set_status (badge, JLN_BADGE_STATUS_ACTIVE);
      for (k = 0; demo->criteria[k] != NULL; k++)
        jln_badge_add_criterion (badge, demo->criteria[k], k < demo->n_required);
      if (!jln_store_add_badge (store, badge, DEMO_ACTOR, error))
        return FALSE;
      versions[n_versions++] = (DemoVersion) { jln_badge_get_version_id (badge), i, 1 };

      if (demo->revised)
        {
          /* Version 2: the team added a step, as happens after a few months. */
          jln_badge_add_criterion (badge, "Expliquer à quelqu’un d’autre comment faire", FALSE);
          if (!jln_store_add_badge_version (store, badge, DEMO_ACTOR, error))
            return FALSE;
          versions[n_versions++] = (DemoVersion) { jln_badge_get_version_id (badge), i, 2 };
        }
    }

  participant_ids = g_new0 (gint64, n);
  entry_days = g_new0 (gint64, n);
  participant_coach = g_new0 (guint, n);
  for (guint i = 0; i < n; i++)
    {
      const char *first = first_names[rng_below (&rng, G_N_ELEMENTS (first_names))];
      const char *last = last_names[rng_below (&rng, G_N_ELEMENTS (last_names))];
      g_autoptr(JlnParticipant) p = jln_participant_new (first, last);
      g_autoptr(GDateTime) entry = NULL;
      g_autofree char *salt = rng_hex (&rng, 16);
      guint territory = rng_below (&rng, G_N_ELEMENTS (territory_names));
      /* Ten coaches for twelve territories: two of them cover two. */
      guint coach = territory % G_N_ELEMENTS (coach_names);
      gint64 days_ago = rng_below (&rng, HISTORY_DAYS + 1);

      entry = g_date_time_new_from_unix_utc (today - days_ago * DAY_SECONDS);
      entry_days[i] = days_ago;
      participant_coach[i] = coach;
      jln_participant_set_coach_id (p, coach_ids[coach]);
      jln_participant_set_territory_id (p, territory_ids[territory]);
      jln_participant_set_entry_date (p, entry);
      jln_participant_set_consent_internal (p, rng_chance (&rng, 96));
      jln_participant_set_consent_kiosk (p, rng_chance (&rng, 85));
      jln_participant_set_consent_print (p, rng_chance (&rng, 80));
      jln_participant_set_consent_online (p, rng_chance (&rng, 55));
      /* Asked the day they joined. */
      jln_participant_set_consents_answered_on (p, entry);
      if (rng_chance (&rng, 35))
        {
          g_autofree char *f = ascii_fold (first);
          g_autofree char *l = ascii_fold (last);
          g_autofree char *email = g_strdup_printf ("%s.%s%u@courriel.example", f, l, i + 1);
          jln_participant_set_email (p, email);
        }
      jln_participant_set_recipient_salt (p, salt);
      if (!jln_store_add_participant (store, p, DEMO_ACTOR, error))
        return FALSE;
      participant_ids[i] = jln_participant_get_id (p);
    }

  /* How many awards each person gets: more for those here longer, never
   * more than the versions that exist. */
  targets = g_new0 (guint, n);
  for (guint i = 0; i < n; i++)
    weight_sum += entry_days[i] + 30;
  for (guint i = 0; i < n && weight_sum > 0; i++)
    {
      targets[i] = MIN ((guint64) n_versions,
                        (guint64) options->n_awards * (entry_days[i] + 30) / weight_sum);
      given += targets[i];
    }
  while (given < options->n_awards)
    {
      guint start = rng_below (&rng, n);
      gboolean progress = FALSE;

      for (guint k = 0; k < n && given < options->n_awards; k++)
        {
          guint i = (start + k) % n;

          if (targets[i] < n_versions && rng_chance (&rng, 50))
            {
              targets[i]++;
              given++;
              progress = TRUE;
            }
        }
      if (!progress && given >= (guint64) n * n_versions)
        break;
    }

  planned = g_array_sized_new (FALSE, FALSE, sizeof (PlannedAward), options->n_awards);
  for (guint i = 0; i < n; i++)
    {
      guint firsts[N_BADGES];
      guint seconds[N_BADGES];
      guint n_firsts = 0, n_seconds = 0;
      gint64 dates[2 * N_BADGES];
      guint chosen[2 * N_BADGES];
      guint n_chosen = 0;

      if (targets[i] == 0)
        continue;
      for (guint v = 0; v < n_versions; v++)
        {
          if (versions[v].version == 1)
            firsts[n_firsts++] = v;
          else
            seconds[n_seconds++] = v;
        }
      rng_shuffle (&rng, firsts, n_firsts);
      rng_shuffle (&rng, seconds, n_seconds);
      /* Version 1s first: a revised badge is earned again only by someone
       * who already holds its first version. */
      for (guint k = 0; k < n_firsts && n_chosen < targets[i]; k++)
        chosen[n_chosen++] = firsts[k];
      for (guint k = 0; k < n_seconds && n_chosen < targets[i]; k++)
        chosen[n_chosen++] = seconds[k];

      for (guint k = 0; k < n_chosen; k++)
        {
          gint64 day = today - (gint64) rng_below (&rng, entry_days[i] + 1) * DAY_SECONDS;
          /* Office hours, 9:00 to 17:00, on the day. */
          dates[k] = day + 9 * 3600 + rng_below (&rng, 8 * 3600);
        }
      qsort (dates, n_chosen, sizeof (gint64), compare_gint64);
      for (guint k = 0; k < n_chosen; k++)
        {
          PlannedAward pa = { MIN (dates[k], today), i, chosen[k] };
          g_array_append_val (planned, pa);
        }
    }
  g_array_sort (planned, compare_planned);

  for (guint k = 0; k < planned->len; k++)
    {
      PlannedAward *pa = &g_array_index (planned, PlannedAward, k);
      const DemoVersion *version = &versions[pa->version];
      const DemoBadge *demo = &demo_badges[version->badge];
      g_autoptr(JlnAward) award = jln_award_new (participant_ids[pa->participant],
                                                 version->version_id,
                                                 coach_ids[participant_coach[pa->participant]]);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (pa->when);
      g_autoptr(GStrvBuilder) met = g_strv_builder_new ();
      g_auto(GStrv) met_strv = NULL;
      g_autofree char *urn = rng_urn (&rng);
      g_autofree char *actor = NULL;

      for (guint c = 0; demo->criteria[c] != NULL; c++)
        if (c < demo->n_required || rng_chance (&rng, 60))
          g_strv_builder_add (met, demo->criteria[c]);
      if (version->version == 2)
        g_strv_builder_add (met, "Expliquer à quelqu’un d’autre comment faire");
      met_strv = g_strv_builder_end (met);

      jln_award_set_awarded_on (award, when);
      jln_award_set_criteria_met (award, (const char * const *) met_strv);
      jln_award_set_credential_id (award, urn);
      if (rng_chance (&rng, 30))
        jln_award_set_evidence_note (award, evidence_notes[rng_below (&rng, G_N_ELEMENTS (evidence_notes))]);
      /* The programme's story: the participant's coach awards. */
      actor = g_strdup_printf ("coach:%" G_GINT64_FORMAT, coach_ids[participant_coach[pa->participant]]);
      if (!jln_store_add_award (store, award, actor, NULL, NULL, error))
        return FALSE;
      if (rng_below (&rng, 200) == 0
          && !jln_store_revoke_award (store, jln_award_get_id (award),
                                      revoke_reasons[rng_below (&rng, G_N_ELEMENTS (revoke_reasons))],
                                      actor, error))
        return FALSE;
    }
  return TRUE;
}

/* A fictional association issues the demo's badges, so certificates and
 * credentials read like a real programme's. Only the details are written:
 * the signing key is the service layer's (it creates it on first use, maybe
 * from another window right now), so it is never read back and rewritten. */
static gboolean
set_demo_organisation (JlnStore *store, GError **error)
{
  g_autoptr(JlnOrganisation) org = jln_store_get_organisation (store, error);

  if (org == NULL)
    return FALSE;
  return jln_store_update_organisation_details (store, "Association Tremplin Nord",
                                                "https://tremplin-nord.example.org",
                                                "contact@tremplin-nord.example.org",
                                                org->public_base, DEMO_ACTOR, error);
}

gboolean
jln_demo_build (JlnStore              *store,
                const JlnDemoOptions  *options,
                GError               **error)
{
  JlnDemoOptions defaults = JLN_DEMO_OPTIONS_INIT;
  g_autoptr(GDateTime) now = NULL;
  gint64 today;

  g_return_val_if_fail (JLN_IS_STORE (store), FALSE);

  if (options == NULL)
    options = &defaults;

  if (!store_is_empty (store))
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("The demo programme can only be built in an empty database."));
      return FALSE;
    }
  if (options->n_participants == 0 && options->n_awards > 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("Awards need participants: ask for at least one participant."));
      return FALSE;
    }
  if (options->n_awards > jln_demo_max_awards (options->n_participants))
    {
      /* The 64-bit count goes in as text: a format macro would split the msgid. */
      g_autofree char *max = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                              jln_demo_max_awards (options->n_participants));

      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                   _("%u participants can hold at most %s awards (each badge version once); %u were asked for."),
                   options->n_participants, max, options->n_awards);
      return FALSE;
    }

  /* "Today" at midnight UTC: awards land on whole days in the past. */
  now = options->today != 0 ? g_date_time_new_from_unix_utc (options->today)
                            : g_date_time_new_now_utc ();
  today = g_date_time_to_unix (now) - g_date_time_to_unix (now) % DAY_SECONDS;

  if (!jln_store_begin (store, error))
    return FALSE;
  /* The issuer goes in the same transaction: no demo without its issuer. */
  if (!build (store, options, today, error)
      || !set_demo_organisation (store, error))
    {
      jln_store_rollback (store);
      return FALSE;
    }
  return jln_store_commit (store, error);
}
