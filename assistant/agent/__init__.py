"""The coaching agent: prompts, tools, session plans, the offline guide and the Coach facade."""
