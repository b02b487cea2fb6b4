package com.personaruntime.guardrails;
