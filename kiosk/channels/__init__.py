"""Live channels: microphones, cameras and the voice wired to the Session on worker threads."""
