"""Demo data for a newcomer: the people of every role, the real events of the seeds and a
few hundred requests walked through the real services. No models of its own.
"""
