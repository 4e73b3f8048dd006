"""Spokespeople read out of press-release text: the text itself, the evidence in it, people, inferences, word lists."""
