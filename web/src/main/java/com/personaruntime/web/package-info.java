package com.personaruntime.web;
