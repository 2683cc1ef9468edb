"""Clean: a transient report of 2,000 × bytes(1024) built and summarized per call, then dropped."""


def build_report():
    chunks = [bytes(1024) for _ in range(2000)]
    return sum(len(c) for c in chunks)


def run():
    return build_report()


EXPECT = {"leaks": False, "bytesPerIteration": 0}
