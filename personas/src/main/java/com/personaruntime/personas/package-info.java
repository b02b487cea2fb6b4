package com.personaruntime.personas;
