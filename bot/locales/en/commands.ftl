# The command menu (setMyCommands) and /help: one line each, no references to other texts,
# so the menu of every language is read without loading its whole catalogue.

command-start = Begin or continue
command-help = What I can do
command-screen = Safety check
command-cancel = Stop what you're doing
command-rest = Make today a rest day
command-undo = Remove the last logged reps
command-stats = Your progress picture
command-export = Download your data (CSV)
command-delete = Delete all your data
command-sit = Start a sitting timer
command-pause = Pause reminders
command-resume = Resume reminders
command-settings = Change your settings
command-language = Change the language
command-workout = Guided workout
command-exercise = Practise one exercise
