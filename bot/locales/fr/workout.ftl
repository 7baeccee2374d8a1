# Exercices guidés (/workout, /exercise, la pause de 2 minutes) et les exercices eux-mêmes.
# Les exercices au sol viennent uniquement de l'article « Strong bum, strong back » ; les exercices
# debout de la pause au bureau, des pages du NHS citées dans leur section.
# Le feu de la douleur et l'échelle de progression sont nos propres règles (d'après le modèle de
# suivi de la douleur de Silbernagel et al. 2007), et les textes le disent : « notre règle ».

## Les exercices

exercise-hip_raise-name = Élévation de hanche
exercise-hip_raise-start = Appuie-toi sur les avant-bras, les deux genoux au sol.
exercise-hip_raise-step-1 = Mets-toi en appui sur les avant-bras et garde les deux genoux au sol.
exercise-hip_raise-step-2 = Lève une jambe jusqu'à ce que ta cuisse soit parallèle au sol.
exercise-hip_raise-step-3 = Repose le genou au sol. Ça fait une répétition.
exercise-hip_raise-cue-1 = Au départ, tes avant-bras et tes deux genoux te portent.
exercise-hip_raise-cue-2 = Lève jusqu'à ce que la cuisse soit parallèle au sol.
exercise-hip_raise-mistake-1 = S'arrêter trop tôt : la cuisse doit arriver parallèle au sol.
exercise-hip_raise-stop = L'exercice ne devrait pas aggraver tes symptômes. Si c'est le cas, arrête.
picture-hip_raise-forearms = Avant-bras au sol
picture-hip_raise-thigh_parallel = Cuisse parallèle au sol

exercise-clamshell-name = Coquillage (clamshell)
exercise-clamshell-start = Allonge-toi sur le côté, une jambe posée sur l'autre.
exercise-clamshell-step-1 = Allonge-toi sur le côté et superpose tes jambes, l'une sur l'autre.
exercise-clamshell-step-2 = Ouvre le genou du dessus vers le haut, comme si tu ouvrais un coquillage.
exercise-clamshell-step-3 = Referme le genou. Ça fait une répétition.
exercise-clamshell-cue-1 = Commence avec les jambes superposées.
exercise-clamshell-cue-2 = Ouvre le genou du dessus vers le haut, comme un coquillage.
exercise-clamshell-mistake-1 = Commencer avec les jambes écartées au lieu de superposées.
exercise-clamshell-stop = L'exercice ne devrait pas aggraver tes symptômes. Si c'est le cas, arrête.
picture-clamshell-knees_stacked = Jambes superposées
picture-clamshell-knee_opens = Le genou du dessus s'ouvre

exercise-single_leg_bridge-name = Pont fessier sur une jambe
exercise-single_leg_bridge-start = Allonge-toi sur le dos, un pied au sol et l'autre jambe tendue vers le haut.
exercise-single_leg_bridge-step-1 = Allonge-toi sur le dos.
exercise-single_leg_bridge-step-2 = Garde un pied au sol et tends l'autre jambe vers le haut.
exercise-single_leg_bridge-step-3 = Pousse le bassin vers le haut jusqu'à ce que ton corps forme une ligne droite.
exercise-single_leg_bridge-step-4 = Redescends le bassin. Ça fait une répétition.
exercise-single_leg_bridge-cue-1 = Pousse vers le haut jusqu'à ce que ton corps forme une ligne droite.
exercise-single_leg_bridge-cue-2 = Trop intense ? Fais d'abord le pont sur deux jambes, jusqu'à ce que la version sur une jambe passe sans douleur.
exercise-single_leg_bridge-mistake-1 = S'arrêter avant que le corps forme une ligne droite.
exercise-single_leg_bridge-stop = L'exercice ne devrait pas aggraver tes symptômes. Si c'est le cas, arrête.
picture-single_leg_bridge-straight_line = Ligne droite
picture-single_leg_bridge-leg_up = Jambe tendue vers le haut

exercise-bridge-name = Pont fessier sur deux jambes
exercise-bridge-start = Allonge-toi sur le dos, les deux pieds au sol.
exercise-bridge-step-1 = Allonge-toi sur le dos et pose les deux pieds au sol.
exercise-bridge-step-2 = Pousse le bassin vers le haut jusqu'à ce que ton corps forme une ligne droite.
exercise-bridge-step-3 = Redescends le bassin. Ça fait une répétition.
exercise-bridge-cue-1 = Pousse vers le haut jusqu'à ce que ton corps forme une ligne droite.
exercise-bridge-cue-2 = Notre règle : après 3 séances sans douleur avec cet exercice, c'est au tour du pont sur une jambe.
exercise-bridge-mistake-1 = S'arrêter avant que le corps forme une ligne droite.
exercise-bridge-stop = L'exercice ne devrait pas aggraver tes symptômes. Si c'est le cas, arrête.
picture-bridge-straight_line = Ligne droite
picture-bridge-feet_flat = Les deux pieds au sol

## La pause au bureau (« Lancer la pause » dans le rappel) : debout, sans passer par le sol. Sources :
## NHS « Why we should sit less », NHS « Strength exercises » (assis-debout, mini-squats,
## élévation latérale de la jambe), NHS OPAL « Standing hip extension » (voir docs/FEATURES.md).

exercise-desk_walk-name = Se lever et marcher
exercise-desk_walk-start = Lève-toi de ta chaise.
exercise-desk_walk-step-1 = Marche tranquillement : jusqu'à la fenêtre, à la fontaine à eau ou au bureau d'un collègue.
exercise-desk_walk-step-2 = Puis reviens à ton bureau.
exercise-desk_walk-stop = Les exercices ne devraient pas aggraver tes symptômes. Si c'est le cas, arrête.

exercise-desk_squat-name = Mini-squats
exercise-desk_squat-start = Tiens-toi debout, les pieds écartés à la largeur des hanches, les mains posées sur ton bureau.
exercise-desk_squat-step-1 = Plie lentement les genoux aussi loin que c'est confortable, genoux vers l'avant, dos droit.
exercise-desk_squat-step-2 = Remonte en position debout en contractant tes fessiers.
exercise-desk_squat-stop = L'exercice ne devrait pas aggraver tes symptômes. Si c'est le cas, arrête.
picture-desk_squat-squeeze = Contracte tes fessiers

exercise-desk_hip_extension-name = Extension de hanche debout
exercise-desk_hip_extension-start = Place-toi face à ton bureau et tiens-toi à son bord ; hanches, genoux et pieds orientés vers l'avant.
exercise-desk_hip_extension-step-1 = Garde toute la jambe tendue et amène-la vers l'arrière. Tiens 2 secondes.
exercise-desk_hip_extension-step-2 = Ramène lentement le pied au point de départ. Après 5 répétitions, change de jambe.
exercise-desk_hip_extension-stop = L'exercice ne devrait pas aggraver tes symptômes. Si c'est le cas, arrête.
picture-desk_hip_extension-leg_back = Jambe tendue vers l'arrière

exercise-desk_side_leg-name = Élévation latérale de la jambe
exercise-desk_side_leg-start = Redresse-toi et pose une main sur ton bureau.
exercise-desk_side_leg-step-1 = Lève une jambe sur le côté aussi loin que c'est confortable, dos et hanches droits ; ne te penche pas.
exercise-desk_side_leg-step-2 = Redescends-la lentement. Après 5 répétitions, change de jambe.
exercise-desk_side_leg-stop = L'exercice ne devrait pas aggraver tes symptômes. Si c'est le cas, arrête.
picture-desk_side_leg-leg_side = Jambe sur le côté

exercise-desk_sit_stand-name = Assis-debout
exercise-desk_sit_stand-start = Assieds-toi sur l'avant de ta chaise, les pieds écartés à la largeur des hanches. Prends une chaise qui ne peut pas rouler.
exercise-desk_sit_stand-step-1 = Penche-toi légèrement en avant et lève-toi lentement, avec la force des jambes, pas des bras.
exercise-desk_sit_stand-step-2 = Redresse-toi complètement, puis rassieds-toi lentement, les fesses en premier.
exercise-desk_sit_stand-stop = L'exercice ne devrait pas aggraver tes symptômes. Si c'est le cas, arrête.
picture-desk_sit_stand-chair = Une chaise qui ne roule pas

desk-step =
    <b>{ $name }</b> ({ $number }/{ $total }) : <b>{ $amount }</b>
    { $start }
    { $steps }
desk-amount-seconds = { $seconds } secondes
desk-amount-reps = { $reps ->
        [1] une fois
       *[other] { $reps } fois
    }
desk-amount-per-side = { $reps } par côté
desk-summary = Ton minuteur de position assise repart de zéro maintenant.

## Le déroulement

workout-intro =
    <b>{ $name }</b> ({ $number }/{ $total })
    Position de départ : { $start }
    { $stop }
workout-step = Étape { $n } sur { $steps } : { $text }
workout-reps-left =
    { $reps ->
        [one] Maintenant, fais <b>{ $reps } répétition du côté gauche</b>.
       *[other] Maintenant, fais <b>{ $reps } répétitions du côté gauche</b>.
    }
workout-reps-right =
    { $reps ->
        [one] Maintenant, le <b>côté droit : { $reps } répétition</b>.
       *[other] Maintenant, le <b>côté droit : { $reps } répétitions</b>.
    }
workout-reps-both =
    { $reps ->
        [one] Maintenant, fais <b>{ $reps } répétition</b>.
       *[other] Maintenant, fais <b>{ $reps } répétitions</b>.
    }
workout-tips =
    Conseils :
    { $cues }
    À éviter :
    { $mistakes }
workout-reps-fewer = Tu en as fait moins ? Appuie sur le nombre ou écris-le.
workout-button-next = Suivant ▶
workout-button-hurts = Ça fait mal
workout-button-continue = Continuer ▶
workout-button-finish = Arrêter pour aujourd'hui
workout-button-done = ✅ Fait – { $reps }
workout-button-number = { $n }
workout-button-skip = Passer cet exercice
workout-button-regression = Essayer : { $name }
workout-button-new-symptom = Nouveau symptôme (douleur à la jambe, engourdissement…)
workout-ask-pain = Arrête l'exercice « { $name } » pour l'instant. Quelle est l'intensité de la douleur en ce moment, de 0 (aucune) à 10 (la pire) ? Si tu remarques quelque chose de nouveau, comme une douleur à la jambe ou un engourdissement, appuie sur le bouton ci-dessous.
workout-light-green = Douleur { $pain } : c'est bon (notre règle : 0–3).
workout-light-amber = Douleur { $pain } : acceptable (notre règle : 4–5) si elle s'est calmée d'ici demain ; sinon, vas-y plus doucement.
workout-light-red = Douleur { $pain } : c'est trop (notre règle : on arrête à partir de 6).
workout-offer-regression = Tu peux continuer avec la variante plus facile « { $name } » ou poursuivre sans cet exercice.
workout-offer-skip = Appuie ci-dessous pour poursuivre sans cet exercice.
workout-offer-continue-skip = Tu peux reprendre là où tu en étais ou poursuivre sans cet exercice.
workout-offer-continue = Tu peux reprendre là où tu en étais, passer à la variante plus facile « { $name } » ou poursuivre sans cet exercice.
workout-stop-note = Les exercices ne devraient pas aggraver les symptômes. Si tes symptômes s'aggravent nettement ou si de nouveaux symptômes apparaissent, arrête et demande un avis médical.
workout-stop-screen = Refais le contrôle de sécurité avec /screen, s'il te plaît.
workout-stop-pain =
    La séance s'arrête ici.
    Les exercices ne devraient pas aggraver les symptômes. Si tes symptômes s'aggravent nettement ou si de nouveaux symptômes apparaissent, arrête et demande un avis médical.
    Refais le contrôle de sécurité avec /screen, s'il te plaît.
workout-stop-new_symptom =
    La séance s'arrête ici, à cause du nouveau symptôme.
    Si tes symptômes s'aggravent nettement ou si de nouveaux symptômes apparaissent, arrête et demande un avis médical.
    Refais le contrôle de sécurité avec /screen, s'il te plaît.
workout-ask-final-pain = Bravo ! Comment va ton dos maintenant, de 0 (aucune douleur) à 10 (la pire) ?
workout-summary = <b>Séance terminée !</b>
workout-summary-break = <b>Pause terminée — bravo !</b>
workout-summary-ended = <b>Terminé pour aujourd'hui.</b> { $done } { $done ->
        [one] exercice noté
       *[other] exercices notés
    } sur { $total }.
workout-summary-set-left = { $reps } à gauche
workout-summary-set-right = { $reps } à droite
workout-summary-set-both = { $reps }
workout-summary-skipped = Exercices sautés : { $names }
workout-summary-total =
    { $reps ->
        [one] { $reps } répétition au total.
       *[other] { $reps } répétitions au total.
    }
workout-choose-exercise = Quel exercice veux-tu pratiquer ?
workout-hint-reps = Écris le nombre de répétitions faites, p. ex. 8 (ou 10/10 pour gauche/droite), ou appuie sur un bouton ci-dessus. Pour arrêter pour aujourd'hui, écris « stop ».
workout-hint-reps-range = Ça ne peut pas être une seule série : écris de 1 à 200 répétitions, p. ex. 8 ou 10/10.
workout-hint-pain = Appuie sur un chiffre ou écris-en un de 0 à 10, p. ex. 3.
workout-hint-steps = Appuie sur un bouton ci-dessus, ou écris « suivant » pour continuer ou « stop » pour arrêter pour aujourd'hui.
workout-hint-buttons = Appuie sur un bouton ci-dessus, ou écris « stop » pour arrêter pour aujourd'hui.
workout-hint-unsupported = Ici, je ne comprends que le texte et les boutons.
workout-refused-not_screened = Les exercices viennent après un court contrôle de sécurité. Envoie /screen pour le commencer.
workout-refused-urgent = Ton contrôle de sécurité a révélé un signe d'alerte qui nécessite des soins médicaux urgents, donc je ne peux pas te proposer d'exercices. Dès qu'un médecin t'a donné le feu vert, envoie /screen.
workout-refused-see_doctor = Ton contrôle de sécurité a révélé un signe d'alerte : consulte un médecin avant de faire les exercices, s'il te plaît. Dès qu'un médecin t'a donné le feu vert, envoie /screen.
workout-refused-needs_doctor_confirmation = Ton dernier contrôle de sécurité a révélé un signe d'alerte. Dès qu'un médecin t'a donné le feu vert, envoie /screen et confirme-le.

## L'échelle de progression

ladder-start-base =
    Aujourd'hui : élévations de hanche, coquillages et pont fessier sur deux jambes. Notre règle : encore { $remaining ->
        [1] une séance sans douleur
       *[other] { $remaining } séances sans douleur
    } (douleur 0–3), puis le pont sur une jambe est débloqué.
ladder-start-progressed = Aujourd'hui : élévations de hanche, coquillages et ponts sur une jambe.
ladder-need_n_more_pain_free =
    Notre règle : encore { $remaining ->
        [1] une séance sans douleur
       *[other] { $remaining } séances sans douleur
    } (douleur 0–3) avec le pont sur deux jambes, puis le pont sur une jambe est débloqué.
ladder-unlocked_single_leg_bridge = C'était ta troisième séance sans douleur avec le pont sur deux jambes : le pont sur une jambe est débloqué pour ta prochaine séance ! (Notre règle : 3 séances sans douleur le débloquent.)
ladder-keep_progressed = Tu continues avec le pont sur une jambe.
ladder-stepped_down_after_pain = Cette séance a fait mal (douleur de 6 ou plus, ou nouveau symptôme). Notre règle : retour au pont sur deux jambes jusqu'à ce que 3 séances avec celui-ci se passent de nouveau sans douleur.
ladder-restarted_after_pain = Cette séance a fait mal (douleur de 6 ou plus, ou nouveau symptôme). Notre règle : le compte des séances sans douleur repart de zéro – encore { $remaining }.
