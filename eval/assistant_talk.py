"""Conversations to read as a user would: `python -m eval.assistant_talk` (local engine, no network).

The checks in eval/assistant.py say whether an answer has the right form; they cannot say whether it reads
like a stylist wrote it. These five-turn conversations over the evaluation wardrobes are printed whole, so a
person can read them: repetition, an answer to a different question, a claim nothing grounds.
"""

import argparse

from app.assistant import ConversationContext, Turn
from app.assistant.local.assistant import answer_locally
from eval.assistant import load_wardrobes

CONVERSATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("dana", ("I have a job interview on Thursday, what should I wear?", "Is the blazer too much?",
              "it might rain, what would I put over it?", "I don't like the loafers",
              "thanks, and what about the day after for a casual lunch?")),
    ("anna", ("What goes with my beige trench coat?", "and which shoes for that at the office?",
              "Can I wear my black heels with it?", "something more casual", "How do I clean the trench?")),
    ("dana", ("Qu'est-ce que je mets samedi pour un anniversaire ?", "et s'il fait froid ?", "je n'aime pas le manteau",
              "une autre idée ?", "merci !")),
    ("eli", ("I'm meeting my girlfriend's parents for Sunday lunch, what should I wear?", "is the polo ok for that?",
             "what if it's 12 degrees?", "without the jacket", "thanks!")),
    ("eli", ("What should I pack for 10 days in Tokyo in April?", "and for a nice dinner?", "how many shirts is that?",
             "what am I missing for the trip?", "Do I need a tie?")),
    ("dana", ("Was soll ich morgen zur Arbeit anziehen? Es sind 7 Grad und regnerisch.",
              "und wenn ich mit dem Rad fahre?", "Ich mag die Stiefeletten nicht", "noch eine Idee?", "danke!")),
    ("hugo", ("Sunday lunch at my parents' tomorrow, what should I wear?", "what if it rains?",
              "I don't like the sneakers", "and for a hike on Saturday?", "thanks!")),
    ("hugo", ("¿Qué me pongo para un cumpleaños el sábado por la noche?", "¿y si hace frío?", "otra idea",
              "¿Qué zapatos son mejores para una excursión?", "gracias")),
)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--wardrobe", help="only conversations over this wardrobe")
    args = parser.parse_args()
    wardrobes = load_wardrobes()
    for name, questions in CONVERSATIONS:
        if args.wardrobe and name != args.wardrobe:
            continue
        print(f"=== {name} ({len(wardrobes[name])} items)")
        turns: list[Turn] = []
        for question in questions:
            context = ConversationContext(question, None, tuple(turns), wardrobes[name])
            answer = answer_locally(context)
            print(f"Q: {question}\nA [{answer.intent}, {answer.language}]: {answer.text}\n")
            turns.append(Turn(question, answer.text, tuple(answer.referenced_item_ids)))


if __name__ == "__main__":
    main()
