"""The coaching agent: prompts, tools, session plans, the offline guide engine and the Coach facade."""
