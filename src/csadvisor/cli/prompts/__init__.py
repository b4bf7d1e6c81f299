"""The interactive questions: the quiz as data, the menu, the accessible prompter."""
