package com.personaruntime.composer;
