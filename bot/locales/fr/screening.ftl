# Contrôle de sécurité (PRODUCT.md §1). Les clés des questions sont screening-q-<id> pour chaque id de
# coach/data/screening.toml ; les indications sont screening-hint-<kind>.

screening-intro = Avant les exercices, quelques questions de sécurité rapides, une à la fois. Appuie sur un bouton ou écris simplement ta réponse.

screening-q-radiating = Est-ce que la douleur part du dos et descend dans une jambe ?
screening-q-numbness = As-tu des engourdissements ou des fourmillements dans une jambe ou une fesse ?
screening-q-saddle = As-tu un engourdissement autour de l'entrejambe — la zone « de la selle », celle qui touche la selle quand on s'y assoit ?
screening-q-weakness = As-tu perdu de la force dans une jambe ou un pied ?
screening-q-both_legs = Ces symptômes touchent-ils les deux jambes ?
screening-q-bladder_bowel = As-tu depuis peu du mal à retenir ou à évacuer l'urine ou les selles — ou de nouveaux problèmes sexuels, comme un engourdissement ou des troubles de l'érection ?
screening-q-systemic = L'un de ces points te concerne-t-il : fièvre, perte de poids inexpliquée, cancer (même ancien), ou chute ou accident récent ?
screening-q-medical_history = L'un de ces points te concerne-t-il : comprimés de corticoïdes (cortisone) pris pendant longtemps, ostéoporose, système immunitaire affaibli (p. ex. par des médicaments ou une maladie), ou drogue déjà consommée par injection ?
screening-q-pain_pattern = Ton mal de dos est-il pire la nuit ou ne se calme-t-il pas au repos — ou as-tu mal entre les omoplates ?
screening-q-age_onset = As-tu eu mal au dos pour la première fois avant 20 ans ou après 55 ans ?
screening-q-pain_now = Quelle est l'intensité de ton mal de dos en ce moment, de 0 (aucune douleur) à 10 (la pire imaginable) ?
screening-q-duration = Depuis combien de temps as-tu ce mal de dos ?

screening-hint-yes_no = Appuie sur Oui ou Non — ou écris oui / non.
screening-hint-scale = Appuie sur un chiffre ou écris-en un de 0 à 10, p. ex. 3.
screening-hint-choice = Appuie sur l'un des boutons — ou écris p. ex. « 2 semaines » ou « 6 mois ».

screening-button-yes = Oui
screening-button-no = Non
screening-duration-lt_6w = < 6 semaines
screening-duration-6_12w = 6–12 semaines
screening-duration-gt_3m = > 3 mois

screening-outcome-cleared = Merci ! Aucun des signes d'alerte ne te concerne, les exercices sont donc accessibles.
screening-outcome-doctor = Merci pour tes réponses honnêtes. Consulte un médecin avant de faire les exercices, s'il te plaît — dès qu'un médecin t'a donné le feu vert, envoie /screen. D'ici là, je peux quand même te rappeler de te lever et de bouger après une longue période en position assise.
screening-outcome-urgent = S'il te plaît, consulte un médecin en urgence aujourd'hui même.

screening-note-not-chronic = Ce programme s'appuie sur des études portant sur le mal de dos chronique non spécifique (qui dure depuis plus de 3 mois). Leurs résultats ne s'appliquent pas automatiquement à tous les types de mal de dos ; ils ne s'appliquent donc peut-être pas à ton cas.

safety-note = Important : les exercices ne devraient pas aggraver tes symptômes. Si tes symptômes s'aggravent nettement ou si de nouveaux symptômes apparaissent, arrête et demande un avis médical.

screening-stale = Ce bouton n'est plus valable.
screening-outdated = Les questions ont changé, alors recommençons depuis la première.
screening-needs-confirmation = Ton dernier contrôle a révélé un signe d'alerte. Un médecin t'a-t-il donné le feu vert pour les exercices depuis ?
screening-button-doctor-cleared = J'ai le feu vert du médecin
