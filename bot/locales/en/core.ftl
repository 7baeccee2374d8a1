# General texts: greeting, help, fallbacks and errors.

start-welcome =
    Hi { $name }! I'm <b>StrongBack</b>, your coach against back pain from sitting.
    Long sitting weakens your glutes, and weak glutes put more strain on your lower back. Strong glutes stabilise your hips and pelvis, so your back can relax.
start-welcome-back = Welcome back, { $name }! What would you like to do?
start-rescreen-due =
    Welcome back, { $name }! Your last safety check was 4 weeks ago or more. Symptoms can change, so please answer the questions once more before you exercise.
button-rescreen = Redo the safety check
button-begin = Let's begin
button-how-it-works = How it works
help-text =
    <b>StrongBack</b> helps you get out of the sitting → weak glutes → sore back spiral.
    { $commands }
    You can always type instead of tapping buttons, and report reps in plain words, e.g. “12 clamshells” or “8 L 10 R”.
help-command = /{ $command } – { $description }
unknown-command = I don't know that command. Try /help to see what I can do.
unsupported-message = I can only read text and button taps. Type a word, or try /help.
text-without-context = I'm not sure what you mean. Try /help to see what I can do.
button-expired = This button has expired.
error-apology = Sorry, something went wrong on my side. Please try again in a moment.
cancel-nothing = There's nothing to cancel right now.
cancel-setup = Stopped the set-up. The answers you gave so far are kept; send /start to carry on.
cancel-screening = Stopped the safety check. Nothing from it was saved; send /start to begin it again.
cancel-settings = Stopped. Your settings are unchanged.
cancel-pause = Stopped. Your reminders carry on as before.
cancel-delete = Stopped. Nothing was deleted.
cancel-reps = Stopped. Nothing was logged.
cancel-other = Stopped.
private-only = I coach one person at a time, in a private chat, so your health data stays between us. Tap below to talk to me there.
private-only-button = Open a private chat
private-only-toast = Let's talk in private: I only work in a one-to-one chat.
