# Répétitions tirées de réponses libres, séries, /undo, /stats, /export et /delete.

progress-exercise-hip_raise = { $reps ->
    [one] élévation de hanche
   *[other] élévations de hanche
}
progress-exercise-clamshell = { $reps ->
    [one] coquillage
   *[other] coquillages
}
progress-exercise-single_leg_bridge = { $reps ->
    [one] pont sur une jambe
   *[other] ponts sur une jambe
}
progress-exercise-bridge = { $reps ->
    [one] pont fessier
   *[other] ponts fessiers
}
progress-button-hip_raise = Élévations de hanche
progress-button-clamshell = Coquillages
progress-button-single_leg_bridge = Ponts sur une jambe
progress-button-bridge = Ponts fessiers
progress-side-left = gauche
progress-side-right = droite
progress-entry = { $reps } { $exercise }
progress-entry-side = { $reps } { $exercise } ({ $side })

progress-logged = ✅ Noté : { $entries }.
progress-streak-line =
    { $period ->
        [week] 🔥 Série : { $current } { $current ->
            [one] semaine
           *[other] semaines
        }
       *[day] 🔥 Série : { $current } { $current ->
            [one] jour
           *[other] jours
        }
    } · record { $best } · force de l'habitude { $strength } %

progress-ask-exercise = C'était quel exercice ?
progress-ask-hint = Appuie sur l'exercice ou envoie les répétitions avec son nom, p. ex. « 10 coquillages ».
progress-button-never-mind = Laisse tomber
progress-question-closed = OK, rien n'a été noté.

progress-refused-zero = Je ne peux pas noter zéro répétition. Envoie ce que tu as fait, p. ex. « 10 coquillages ».
progress-refused-negative = Les répétitions ne peuvent pas être négatives. Envoie ce que tu as fait, p. ex. « 10 coquillages ».
progress-refused-too_many = Plus de 200 d'un coup, ça ressemble à une faute de frappe. Envoie p. ex. « 3x10 élévations de hanche ».
progress-refused-fraction = Utilise des nombres entiers, s'il te plaît, p. ex. « 10 ponts ».
progress-refused-nonsense = Je ne vois pas bien ce que tu veux dire. Pour noter des répétitions, envoie p. ex. « 10 coquillages » ou « 8 G 10 D élévations de hanche ». /help montre ce que je sais faire d'autre.
progress-refused-unrecognised = Je ne connais pas « { $word } ». Je comprends les élévations de hanche, les coquillages et les ponts, p. ex. « 12 coquillages » ou « ponts 10 de chaque côté ».
progress-refused-too_long = C'est trop long pour que j'y trouve des répétitions. Envoie p. ex. « 10/10 coquillages ».
progress-refused-ambiguous = Je n'ai pas pu savoir quel nombre va avec quel exercice ou quel côté. Envoie un exercice à la fois, p. ex. « 8 G 10 D coquillages ».
progress-not-ready = Terminons d'abord ta configuration : appuie sur /start. /help montre ce que je sais faire.

progress-rest-day = 😌 Aujourd'hui, c'est jour de repos : ta série est gelée, pas interrompue.
progress-rest-day-limit =
    { $allowed ->
        [one] Tu as déjà { $allowed } jour de repos cette semaine, donc aujourd'hui compte comme un jour normal.
       *[other] Tu as déjà { $allowed } jours de repos cette semaine, donc aujourd'hui compte comme un jour normal.
    }

progress-undone = ↩️ Supprimé : { $entries }.
progress-nothing-to-undo = Il n'y a rien à annuler.

progress-stats-caption = <b>Tes 4 dernières semaines</b>
progress-stats-streak =
    🔥 Série : { $current } { $period ->
        [week] { $current ->
            [one] semaine
           *[other] semaines
        }
       *[day] { $current ->
            [one] jour
           *[other] jours
        }
    }
progress-stats-best =
    🏆 Meilleure série : { $best } { $period ->
        [week] { $best ->
            [one] semaine
           *[other] semaines
        }
       *[day] { $best ->
            [one] jour
           *[other] jours
        }
    }
progress-stats-strength = 💪 Force de l'habitude : { $strength } %
progress-stats-strength-explained = <i>Elle augmente chaque jour où tu atteins ton objectif et baisse lentement quand tu en manques un ; 100 % signifie une habitude bien ancrée.</i>
progress-weekly-caption = <b>Ta semaine avec StrongBack</b>
progress-chart-locale = fr_CH
progress-chart-tile-streak = Série
progress-chart-streak-value =
    { $current } { $period ->
        [week] { $current ->
            [one] semaine
           *[other] semaines
        }
       *[day] { $current ->
            [one] jour
           *[other] jours
        }
    }
progress-chart-tile-sessions = Séances cette semaine
progress-chart-sessions-value = { $done } sur { $goal }
progress-chart-tile-breaks = Pauses actives cette semaine
progress-chart-breaks-value = { $taken } sur { $prompted }
progress-chart-tile-pain = Mal de dos (0–10)
progress-chart-pain-trend = { $first } → { $last }
progress-chart-pain-none = aucune indication
progress-chart-this-week = cette semaine
progress-chart-welcome-first = Ta première semaine commence aujourd'hui
progress-chart-welcome-again = Une nouvelle semaine commence aujourd'hui
progress-chart-welcome-body = Après chaque exercice, envoie-moi tes répétitions, p. ex. « 10 coquillages ». Ta série, tes pauses actives et ton mal de dos s'afficheront ici.
progress-chart-reps = Répétitions par jour
progress-chart-no-reps = Aucune répétition notée pour l'instant
progress-chart-breaks = Pauses actives par semaine
progress-chart-taken = faites
progress-chart-prompted = proposées
progress-chart-pain = Mal de dos moyen par semaine (0–10)
progress-chart-no-pain = Pas encore d'indication de douleur

progress-export-caption = Toutes tes données : { $rows } lignes, un fichier CSV par table (profil, contrôles de sécurité, répétitions, séances, pauses actives, douleur, jours de repos, rappels). activity.csv liste tes répétitions, tes pauses et tes indications de douleur à ton heure locale.

progress-delete-ask = Supprimer tout ce que je sais de toi — profil, répétitions, pauses actives, niveaux de douleur et rappels ? C'est irréversible.
progress-button-delete-yes = Oui, tout supprimer
progress-button-delete-no = Non, garder
progress-delete-hint = Appuie sur l'un des boutons, s'il te plaît.
progress-deleted = C'est fait : toutes tes données sont supprimées et tes rappels sont arrêtés. Envoie /start quand tu veux pour recommencer.
progress-delete-cancelled = OK, rien n'a été supprimé.

