"""Clean: a module-level index rebuilt from scratch on every call; the old one is dropped."""

_index = {}
_generation = 0


def rebuild():
    global _index, _generation
    _generation += 1
    _index = {f"item-{i}": (i, _generation) for i in range(2000)}


def run():
    rebuild()
    return len(_index)


EXPECT = {"leaks": False, "bytesPerIteration": 0}
