/*
 * resolve.h — ranking the candidate roles of a job title (resolve_title).
 *
 * The database finds the names — aliases and role titles — that match a
 * normalized HRIS title, exactly or by trigram similarity, and the roles of
 * their families; this file decides which role each name points to once
 * the title's level is taken into account, scores it, and ranks the roles:
 *
 *     score = similarity x the name's confidence x level fit
 *             (x its family's share, for an exact name)
 *
 * An exact name that several families share ("Bus Driver", "Painter" are
 * aliases of several occupations) is no surer of any one of them: when
 * the exact names point into more than one family, an exact name's score
 * is multiplied by its family's share, the best confidence of the
 * family's exact names over the sum of every such family's best (two
 * families alike: 0.5 each, so the review rule flags them).
 *
 * Level fit compares the level the title claims with the level the name
 * claims; both sides' claims come from one rule, rx_title_claims_of
 * (title.h).  A claim is the level words (title_level_words, see
 * titles.md: "Senior", "III", or the rank they modify, "Senior Manager");
 * when the two job phrases differ (their base levels differ), a phrase
 * without level words claims the rank its own words name ("Backend
 * Engineering Manager" claims M2 against "Backend Engineer"; "Customer
 * Success Manager" claims nothing against "Junior Customer Success
 * Manager", whose manager is part of the job).
 *
 *     the same claim (or none on both sides)                 1.00
 *     the same, but for a grade the role's track has not     0.90
 *       ("Manager II" against a manager role: no grade moves an M or E role)
 *     the name claims a level, the title none                0.80
 *     the title claims the named role's own level            0.95
 *     the title claims a level the family has a role at:
 *       the match moves to that role                         0.90
 *     the title claims a level the family has no role at:
 *       the named role, by its distance d on the cross-track
 *       scale (level grades), less 0.10 across tracks        max(0.50, 0.90 - 0.10 d)
 *
 * Each role keeps its best-scoring name.  Roles are ranked by confidence
 * (the score rounded to a confidence); among equals, exact matches first,
 * then in the order of their names in names[] (the database lists the
 * closest first).  needs_review is the review rule of confidence.h
 * (rx_confidence_needs_review) over the two best.
 *
 * Pure C: no allocation, no PostgreSQL headers.
 */
#ifndef RX_RESOLVE_H
#define RX_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "title.h"

/* A role of a family some name belongs to. */
typedef struct rx_resolve_role
{
	const char *code;			/* the role code's text (for the caller) */
	size_t		codelen;
	int32_t		family;			/* roles of one family share this number */
	int32_t		level;			/* the role's level */
} rx_resolve_role;

/* A name that matched the title: an alias, or a role's title. */
typedef struct rx_resolve_name
{
	int32_t		role;			/* index in roles[] of the role it names */
	double		trust;			/* the alias's confidence; 1 for a role's title */
	double		sim;			/* 1 for an exact match, else its trigram score */
	bool		exact;			/* its normalized form is the title's */
	bool		calibrated;		/* sim is the title engine's confidence: shared names are in it already */
	rx_title_claims claims;		/* what the name claims (rx_title_claims_of): words and base */
} rx_resolve_name;

/* A level's grade on the cross-track scale (table level). */
typedef struct rx_resolve_grade
{
	int32_t		level;
	double		grade;
} rx_resolve_grade;

/* A ranked candidate role. */
typedef struct rx_resolve_candidate
{
	int32_t		role;			/* index in roles[] */
	int32_t		name;			/* index in names[] of its best name */
	int16_t		confidence;		/* confidence encoding (confidence.h) */
	bool		exact;			/* that name matched exactly */
	bool		moved;			/* the title's level moved it from the named role */
	double		score;			/* before rounding */
} rx_resolve_candidate;

/*
 * Score every name against title t and rank the roles they point to into
 * out (capacity nroles: at most one candidate a role), best first; returns
 * how many.  *needs_review follows the review rule (rx_confidence_needs_review;
 * true when there is no candidate).  Names whose role index is out of range are skipped.
 */
size_t		rx_resolve_rank(const rx_title_claims *t, const rx_resolve_name *names, size_t nnames,
					const rx_resolve_role *roles, size_t nroles,
					const rx_resolve_grade *grades, size_t ngrades,
					rx_resolve_candidate *out, bool *needs_review);

/* The level fit of name n (of role roles[n->role]) for title t; *target is the role it moves to. */
double		rx_resolve_fit(const rx_title_claims *t, const rx_resolve_name *n, const rx_resolve_role *roles, size_t nroles,
				   const rx_resolve_grade *grades, size_t ngrades, int32_t *target);

/*
 * The title engine's side (doc/titles.md, "One engine for roles and
 * occupations").  resolve_title codes a title against the taxonomy's
 * index (autocode.h: one engine code per role, its title and aliases as
 * the code's titles, its family as its group) and turns each hit into a
 * name of its role: sim is the hit's calibrated confidence (the engine
 * splits it between roles that share a name, so no family share is taken
 * again: calibrated), trust 1, exact as the engine says, and the claims of
 * the name that decided the hit — its label — or, for a hit carried by
 * the title's words rather than one name, of the role's own title.
 */

/* Work memory rx_resolve_name_of_hit needs for names up to len bytes. */
size_t		rx_resolve_hit_work_size(size_t len);

/*
 * Name *out of engine hit h (of role index role): see above.  label is
 * the deciding name (UTF-8), or NULL when the hit was carried by words;
 * then title (the role's title) gives the claims.  Errors as for
 * rx_title_claims_of.
 */
rx_status	rx_resolve_name_of_hit(double score, bool exact, int32_t role, const char *label, size_t label_len,
								   const char *title, size_t title_len, void *work, size_t workcap,
								   rx_resolve_name *out, rx_error *err);

/*
 * A name that is the title word for word (the engine's exact hit, with
 * the name as its evidence) keeps the rule of exact names: similarity 1,
 * its trust (the alias's confidence) and its family's share among the
 * families such names point to (resolve.h, at the top), not the engine's
 * confidence.  The family's other names then count no more than its
 * surest such name (rx_resolve_rank).
 */
void		rx_resolve_name_exact(rx_resolve_name *n, double trust);

/*
 * An alias's confidence c is its entry weight in the taxonomy's index,
 * 0.5 + 0.5 c (a role's title: weight 1, confidence 1); back again.
 */
#define RX_RESOLVE_ALIAS_WEIGHT(c)	(0.5 + 0.5 * (c))
double		rx_resolve_trust_of_weight(double weight);

/*
 * The occupation evidence of a role: the title engine's confidence that
 * the title names the role's SOC occupation (soc_autocode over the
 * dictionary), blended into the role's own score where the role is mapped:
 *
 *     sim = (1 - RX_RESOLVE_W_OCCUPATION) x role score + RX_RESOLVE_W_OCCUPATION x occupation score
 *
 * (a role with no mapping keeps its own score).  A role the occupations
 * alone propose (none of its names came up) enters with its title's
 * claims and the occupation's share only.
 */
#define RX_RESOLVE_W_OCCUPATION 0.3

double		rx_resolve_blend(double role_score, bool has_occupation, double occupation_score);

#endif							/* RX_RESOLVE_H */
