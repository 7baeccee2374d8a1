# Proposer à nouveau le contrôle de sécurité : douleur nettement plus forte qu'au dernier contrôle, ou une réponse qui parle de nouveaux symptômes.

safety-symptom = Cela ressemble à un nouveau symptôme, donc je n'ai rien noté. S'il te plaît, arrête les exercices, demande un avis médical, puis refais le contrôle de sécurité.
safety-symptom-urgent = S'il te plaît, consulte un médecin en urgence aujourd'hui même.
safety-symptom-urgent-screen = Je n'ai rien noté. Après la consultation, refais le contrôle de sécurité, s'il te plaît.
safety-button-screen = Refaire le contrôle

## La pause de sécurité : un arrêt reste en vigueur jusqu'à ce qu'un contrôle de sécurité donne le feu vert.

safety-held-pain = Les exercices sont en pause : tu as indiqué une douleur de { $pain } (notre règle : à partir de 6, on arrête). Refais le contrôle de sécurité avant les prochains exercices, s'il te plaît.
safety-held-pain_rise = Les exercices sont en pause : une douleur de { $pain }, c'est nettement plus qu'à ton dernier contrôle de sécurité ({ $baseline }). Refais le contrôle de sécurité avant les prochains exercices, s'il te plaît.
safety-held-symptom = Les exercices sont en pause, car tu as signalé un nouveau symptôme. S'il te plaît, demande un avis médical, puis refais le contrôle de sécurité.
safety-held-urgent = Les exercices sont en pause, car tu as signalé un signe d'alerte qui nécessite des soins médicaux urgents. S'il te plaît, fais-toi aider aujourd'hui même, puis refais le contrôle de sécurité.
safety-reps-not-logged = Je n'ai pas noté ces répétitions.
safety-break-walk = C'est l'heure de bouger ! Lève-toi et marche pendant deux minutes.
safety-session-held = Ta séance quotidienne est en pause pour le moment.
safety-doctor-not-yet = Alors les exercices restent en pause jusqu'à ce qu'un médecin te donne le feu vert. Tes rappels pour te lever et bouger continuent. Dès que tu as le feu vert, envoie /screen.
safety-doctor-not-yet-setup = Alors les exercices restent en pause jusqu'à ce qu'un médecin te donne le feu vert. Je peux quand même te rappeler de te lever et de bouger après une longue période en position assise : configurons ça. Dès que tu as le feu vert, envoie /screen.
safety-urgent-followup = Tu m'as signalé un signe d'alerte qui nécessite des soins médicaux urgents. Si ce n'est pas encore fait, fais-toi aider aujourd'hui même, s'il te plaît. Tant qu'un médecin ne t'a pas donné le feu vert, il n'y a pas d'exercices ici.
safety-urgent-followup-setup = Ce que je peux encore faire : te rappeler de te lever et de bouger après une longue période en position assise.
safety-urgent-followup-onboarded = Tes rappels pour te lever et bouger continuent. Dès qu'un médecin t'a donné le feu vert, refais le contrôle de sécurité.
safety-button-reminders = Configurer les rappels
safety-why-walk = Compris. Même 30 secondes, ça compte : lève-toi et fais quelques pas.
