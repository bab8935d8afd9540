#!/bin/sh
# dateline.sh -- CL-D on first lines of its own: datelines in capitals and in
# mixed case (an agency in parentheses must follow a mixed-case place), and
# prose of the same shape that is no dateline.  Each case is one document of
# two lines; the meta record of `clean --explain` names place, date, agency.
. "$TESTS_DIR/cli/lib.sh"
G="$TESTS_DIR/golden/clean/dateline"

# case NAME FIRST-LINE: the meta record matches the golden NAME.meta
case_of() {
    printf '%s\nUn second paragraphe suit ici.\n' "$2" >"$TMP/$1.txt"
    run "$DEPECHE" clean --explain "$TMP/$1.txt"
    expect_rc 0 "$1"
    head -n 1 "$TMP/out" | sed 's/^{"doc":"[^"]*",//' >"$TMP/meta"
    cp "$TMP/meta" "$TMP/out"
    expect_out_file "$G/$1.meta" "dateline $1"
}

case_of caps-agency 'LYON (AFP) - Les pompiers sont intervenus.'
case_of caps-date 'BRUXELLES, 12 avril (Belga) -- La séance est levée.'
case_of mixed-agency 'Marseille (AFP) – Le port rouvre demain.'
case_of mixed-date 'Lausanne, 7 juin (ATS) – Le lac a gelé.'
case_of mixed-particles 'Saint-Pierre-et-Miquelon (AFP) — Un navire arrive.'
case_of mixed-elision 'Villeneuve-d’Ascq (AFP) – Le stade est plein.'
case_of mixed-slash 'Montréal (AFP/Reuters) – La neige tombe.'
case_of mixed-no-agency 'Marseille - Le port rouvre demain.'
case_of mixed-prose 'Le ministre (PS) – a parlé hier.'
case_of lower-start 'selon Marseille (AFP) – rien.'
case_of mixed-party 'Une élue (Verts) – a démissionné.'
case_of mixed-name-party 'Emmanuel Macron (LREM) – a pris la parole.'
case_of mixed-surname-party 'Macron (LREM) – le président a parlé.'
case_of mixed-unknown-agency 'Paris (Agence X) – Le texte suit.'
case_of mixed-agency-space 'Madrid (Europa Press) – La ville vote.'
finish
